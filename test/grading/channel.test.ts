import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import { signedLine } from '../../lib/exercises/record-line';
import { openRecordChannel } from '../../lib/grading/channel';
import { tempDir } from './fixtures';

describe('grading/channel (the private socket of a graded kernel)', () => {
  it('hands the key to the first connection only, keeps signed records in order, rejects forged ones', async () => {
    const dir = tempDir('replearn-channel-');
    const channel = await openRecordChannel(dir, 7);
    const kernel = net.connect(channel.socketPath);
    const hello = await new Promise<{ key: string; seed: number }>((resolve) =>
      kernel.once('data', (d) => resolve(JSON.parse(String(d)) as { key: string; seed: number })),
    );
    assert.equal(hello.seed, 7);
    const intruder = net.connect(channel.socketPath);
    const refused = await new Promise<boolean>((resolve) => {
      intruder.on('error', () => resolve(true));
      intruder.on('close', () => resolve(true));
      intruder.on('data', () => resolve(false));
    });
    assert.ok(refused, 'a second connection gets nothing');
    const body = (n: number): string => JSON.stringify({ type: 'cell', ex: `e${n}`, phase: 'begin' });
    kernel.write(signedLine(hello.key, 0, body(0)));
    kernel.write(`1 ${'ab'.repeat(32)} ${body(99)}\n`);
    kernel.write('✔ passed everything\n');
    kernel.write(signedLine(hello.key, 0, body(98))); // replayed sequence number
    kernel.write(signedLine(hello.key, 1, body(1)));
    kernel.end();
    await channel.drained(5000);
    channel.close();
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(
      channel.records.map((r) => r.ex),
      ['e0', 'e1'],
    );
    assert.equal(channel.rejectedCount(), 3);
    assert.deepEqual(channel.rejected, ['bad signature', 'not a record line', 'sequence 0 replayed (next is 1)']);
  });
});
