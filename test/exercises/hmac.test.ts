import { strict as assert } from 'assert';
import { createHash, createHmac, randomBytes } from 'crypto';
import { hmacSha256Hex, sha256, utf8 } from '../../lib/exercises/hmac';

describe('exercises/hmac (plain-JavaScript HMAC-SHA256 of the grading channel)', () => {
  it('matches node:crypto on random keys and messages, multi-byte text and block boundaries included', () => {
    const messages = [
      '',
      'a',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'x'.repeat(1000),
      'unicode ✔ — 𝔸 ü',
      randomBytes(300).toString('latin1'),
    ];
    for (const message of messages) {
      const key = randomBytes(32).toString('hex');
      assert.equal(hmacSha256Hex(key, message), createHmac('sha256', key).update(message, 'utf8').digest('hex'));
      assert.equal(
        Buffer.from(sha256(utf8(message))).toString('hex'),
        createHash('sha256').update(message, 'utf8').digest('hex'),
      );
    }
    const longKey = 'k'.repeat(100);
    assert.equal(hmacSha256Hex(longKey, 'm'), createHmac('sha256', longKey).update('m').digest('hex'));
  });
});
