import { strict as assert } from 'assert';
import { checkLine, signedLine } from '../../lib/exercises/record-line';

describe('exercises/record-line (signed lines of the grading channel)', () => {
  const key = 'k'.repeat(64);
  it('accepts its own lines in order and rejects forged, altered and replayed ones', () => {
    const line = signedLine(key, 0, '{"a":1}').trimEnd();
    assert.deepEqual(checkLine(key, line, 0), { ok: true, seq: 0, body: '{"a":1}' });
    assert.deepEqual(checkLine('other-key', line, 0), { ok: false, reason: 'bad signature' });
    assert.deepEqual(checkLine(key, line.replace('"a":1', '"a":2'), 0), { ok: false, reason: 'bad signature' });
    assert.deepEqual(checkLine(key, `0 ${'ab'.repeat(32)} {"a":1}`, 0), { ok: false, reason: 'bad signature' });
    assert.equal(checkLine(key, line, 1).ok, false);
    assert.deepEqual(checkLine(key, '✔ passed all tests', 0), { ok: false, reason: 'not a record line' });
  });
});
