import * as assert from 'assert';
import {
  decodeMessage,
  encodeMessage,
  MessageFormatError,
  newMessage,
  signParts,
  SigningKey,
} from '../../lib/jupyter/client/wire';

const signing: SigningKey = { key: 'secret-key', scheme: 'hmac-sha256' };

describe('kernel/wire', () => {
  it('signs the four parts exactly as jupyter_client does', () => {
    // Vector from jupyter_client.session.Session(key=b'secret-key').sign(parts).
    const parts = ['{"msg_id":"1","msg_type":"execute_request"}', '{}', '{}', '{"code":"1+1"}'];
    assert.strictEqual(signParts(signing, parts), '83f14d450ece26cab8fb53d5dd17c43f99c552f5e7ed1f5aa8e0429e781d76e0');
  });

  it('an empty key means unsigned messages', () => {
    assert.strictEqual(signParts({ key: '', scheme: 'hmac-sha256' }, ['{}']), '');
  });

  it('round-trips identities, the four parts and buffers', () => {
    const msg = newMessage('execute_request', { code: 'let a = "ü";' }, 'session-1');
    msg.identities = [Buffer.from('peer')];
    msg.buffers = [Buffer.from([1, 2, 3])];
    const frames = encodeMessage(msg, signing);
    assert.strictEqual(frames[1].toString(), '<IDS|MSG>');
    const back = decodeMessage(frames, signing);
    assert.deepStrictEqual(back.identities, [Buffer.from('peer')]);
    assert.deepStrictEqual(back.header, msg.header);
    assert.deepStrictEqual(back.content, { code: 'let a = "ü";' });
    assert.deepStrictEqual(back.buffers, [Buffer.from([1, 2, 3])]);
    assert.strictEqual(back.header.version, '5.3');
  });

  it('rejects a tampered message, a wrong key and a missing delimiter', () => {
    const frames = encodeMessage(newMessage('status', { execution_state: 'idle' }, 's'), signing);
    const tampered = [...frames];
    tampered[5] = Buffer.from('{"execution_state":"busy"}');
    assert.throws(() => decodeMessage(tampered, signing), MessageFormatError);
    assert.throws(() => decodeMessage(frames, { key: 'other', scheme: 'hmac-sha256' }), /signature/);
    assert.throws(
      () =>
        decodeMessage(
          frames.slice(1).filter((f) => f.toString() !== '<IDS|MSG>'),
          signing,
        ),
      /delimiter/,
    );
    assert.throws(() => decodeMessage(frames.slice(0, 4), signing), /parts/);
  });
});
