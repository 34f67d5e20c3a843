import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  freePorts,
  newConnectionInfo,
  removeConnectionFile,
  writeConnectionFile,
} from '../../lib/jupyter/client/connection';
import { kernelArgv, readKernelSpec } from '../../lib/jupyter/client/kernelspec';

describe('kernel/connection and kernelspec', () => {
  it('finds distinct free loopback ports', async () => {
    const ports = await freePorts(5);
    assert.strictEqual(new Set(ports).size, 5);
    for (const p of ports) assert.ok(p > 0 && p < 65536);
  });

  it('writes a private connection file with a random hmac-sha256 key', async () => {
    const a = await newConnectionInfo('replearn');
    const b = await newConnectionInfo('replearn');
    assert.notStrictEqual(a.key, b.key);
    assert.match(a.key, /^[0-9a-f]{64}$/);
    const conn = writeConnectionFile(a);
    assert.strictEqual(fs.statSync(conn.file).mode & 0o777, 0o600);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(conn.file, 'utf8')), a);
    removeConnectionFile(conn);
    assert.ok(!fs.existsSync(conn.dir));
  });

  it('reads the project kernelspec and fills in {connection_file}', () => {
    const spec = readKernelSpec('replearn');
    assert.strictEqual(spec.interrupt_mode, 'message');
    assert.match(spec.argv[1], /dist[\\/]lib[\\/]jupyter[\\/]kernel[\\/]main\.js$/);
    const argv = kernelArgv(spec, '/tmp/c.json');
    assert.ok(argv.includes('/tmp/c.json'));
    assert.ok(!argv.some((a) => a.includes('{connection_file}')));
  });

  it('says clearly when a kernelspec is missing or broken', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-spec-'));
    try {
      assert.throws(() => readKernelSpec('nope', [dir]), /kernelspec "nope" not found/);
      fs.mkdirSync(path.join(dir, 'kernels', 'bad'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'kernels', 'bad', 'kernel.json'), '{oops');
      assert.throws(() => readKernelSpec('bad', [dir]), /not valid JSON/);
      fs.writeFileSync(path.join(dir, 'kernels', 'bad', 'kernel.json'), JSON.stringify({ argv: ['node', 'k.js'] }));
      assert.throws(() => readKernelSpec('bad', [dir]), /connection_file/);
      fs.writeFileSync(
        path.join(dir, 'kernels', 'bad', 'kernel.json'),
        JSON.stringify({ argv: ['k', '{connection_file}'], interrupt_mode: 'message' }),
      );
      assert.strictEqual(readKernelSpec('bad', [dir]).interrupt_mode, 'message');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
