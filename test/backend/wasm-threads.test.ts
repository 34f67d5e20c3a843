import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

/** Run in a child: the threaded backend replaces 'wasm' process-wide, and the child must also exit by itself. */
const SCRIPT = `
const R = require(${JSON.stringify(path.resolve(__dirname, '../../lib'))});
const tf = R.tf;
(async () => {
  const info = await R.initBackend({ quiet: true });
  const a = tf.randomNormal([64, 48], 0, 1, 'float32', 1), b = tf.randomNormal([48, 32], 0, 1, 'float32', 2);
  const x = tf.randomNormal([4, 12, 12, 3], 0, 1, 'float32', 3), f = tf.randomNormal([3, 3, 3, 5], 0, 1, 'float32', 4);
  const run = () => [tf.matMul(a, b), tf.grad((q) => tf.square(tf.conv2d(q, f, 2, 'same')).sum())(x)].map((t) => Array.from(t.dataSync()));
  const wasm = run();
  const threads = require('@tensorflow/tfjs-backend-wasm').getThreadsCount();
  await tf.setBackend('cpu');
  const cpu = run();
  let diff = 0;
  wasm.forEach((w, i) => w.forEach((v, j) => { diff = Math.max(diff, Math.abs(v - cpu[i][j])); }));
  console.log(JSON.stringify({ backend: info.name, threads, diff }));
})();
`;

describe('backend/threaded wasm (REPLEARN_WASM_THREADS)', () => {
  it('runs the threaded tfjs build on 2 worker threads, agrees with cpu, and lets the process exit', function () {
    this.timeout(60000);
    const child = spawnSync(process.execPath, ['-e', SCRIPT], {
      env: { ...process.env, REPLEARN_WASM_THREADS: '2', REPLEARN_BACKEND: 'wasm' },
      encoding: 'utf8',
      timeout: 50000,
    });
    assert.equal(child.status, 0, `child failed or hung: ${child.stderr}`);
    const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      backend: string;
      threads: number;
      diff: number;
    };
    assert.equal(report.backend, 'wasm');
    assert.equal(report.threads, 2);
    assert.ok(report.diff < 1e-3, `max diff ${report.diff}`);
  });
});
