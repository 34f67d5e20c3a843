import * as assert from 'assert';
import * as os from 'os';
import { KernelClient, startKernel } from '../../lib/kernel/client';
import { NotebookOutput } from '../../lib/kernel/outputs';

const text = (outputs: NotebookOutput[], name: 'stdout' | 'stderr'): string =>
  outputs.map((o) => (o.output_type === 'stream' && o.name === name ? o.text : '')).join('');

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('kernel/client (live tslab kernel)', function () {
  this.timeout(90_000);
  let kernel: KernelClient;

  before(async () => {
    kernel = await startKernel({
      cwd: os.tmpdir(),
      env: { REPLEARN_TEST_VAR: 'from-the-client' },
      maxOutputBytes: 200_000,
    });
  });
  after(async () => {
    const pid = kernel.pid;
    const exit = await kernel.shutdown();
    assert.strictEqual(exit.code, 0, 'tslab leaves on shutdown_request');
    assert.ok(processGone(pid));
  });

  it('starts and answers kernel_info', () => {
    assert.strictEqual(kernel.info.implementation, 'tslab');
    assert.ok(kernel.startupMs > 0 && kernel.startupMs < 60_000);
    assert.ok(kernel.pid > 0);
  });

  it('collects stdout, stderr and the last expression in order', async () => {
    const r = await kernel.execute('console.log("hi"); console.error("careful"); 40 + 2');
    assert.strictEqual(r.status, 'ok');
    assert.strictEqual(typeof r.executionCount, 'number');
    assert.deepStrictEqual(
      r.outputs.map((o) => o.output_type),
      ['stream', 'stream', 'stream'],
    );
    assert.strictEqual(text(r.outputs, 'stdout'), 'hi\n42\n');
    assert.strictEqual(text(r.outputs, 'stderr'), 'careful\n');
  });

  it('collects display_data and applies update_display_data in place', async () => {
    const r = await kernel.execute(
      'import * as tslab from "tslab";\ntslab.display.html("<table><tr><td>1</td></tr></table>");\n' +
        'const progress = tslab.newDisplay(); progress.text("epoch 1"); progress.text("epoch 2");',
    );
    assert.strictEqual(r.status, 'ok');
    assert.deepStrictEqual(r.outputs, [
      { output_type: 'display_data', data: { 'text/html': '<table><tr><td>1</td></tr></table>' }, metadata: {} },
      { output_type: 'display_data', data: { 'text/plain': 'epoch 2' }, metadata: {} },
    ]);
    const later = await kernel.execute('progress.text("epoch 3")');
    assert.strictEqual(later.outputs.length, 0);
    assert.deepStrictEqual(
      later.foreignUpdates.map((u) => u.data),
      [{ 'text/plain': 'epoch 3' }],
    );
  });

  it('detects a thrown error (tslab sends only stderr) and runs the next cell at once', async () => {
    const r = await kernel.execute('const n = 1;\nthrow new RangeError("boom " + n)');
    assert.strictEqual(r.status, 'error');
    assert.strictEqual(r.replyStatus, 'error');
    assert.deepStrictEqual([r.error?.ename, r.error?.evalue], ['RangeError', 'boom 1']);
    assert.ok(!r.outputs.some((o) => o.output_type === 'error'), 'outputs stay what the kernel sent');
    const next = await kernel.execute('"still alive"');
    assert.strictEqual(next.status, 'ok', JSON.stringify(next));
  });

  it('detects TypeScript compile errors', async () => {
    const r = await kernel.execute('const x: number = "text";');
    assert.strictEqual(r.status, 'error');
    assert.strictEqual(r.error?.ename, 'CompileError');
    assert.match(r.error?.evalue ?? '', /1:7 - Type 'string' is not assignable to type 'number'/);
  });

  it('detects an awaited rejection and an unhandled one (which tslab replies "ok" to)', async () => {
    const awaited = await kernel.execute('await Promise.reject(new TypeError("async bad"))');
    assert.deepStrictEqual(
      [awaited.status, awaited.error?.ename, awaited.error?.evalue],
      ['error', 'TypeError', 'async bad'],
    );
    const unhandled = await kernel.execute(
      'Promise.reject(new Error("nobody catches")); await new Promise((r) => setTimeout(r, 50));',
    );
    assert.strictEqual(unhandled.replyStatus, 'ok');
    assert.strictEqual(unhandled.status, 'error');
    assert.strictEqual(unhandled.error?.ename, 'UnhandledPromiseRejection');
    assert.match(unhandled.error?.evalue ?? '', /nobody catches/);
  });

  it('interrupts an infinite loop at the timeout and keeps the kernel', async () => {
    const started = Date.now();
    const r = await kernel.execute('while (true) {}', { timeoutMs: 1500 });
    assert.strictEqual(r.status, 'timeout');
    assert.match(r.error?.evalue ?? '', /interrupted/);
    assert.ok(Date.now() - started < 8000);
    assert.ok(kernel.isAlive());
    assert.strictEqual((await kernel.execute('1 + 1')).status, 'ok');
  });

  it('receives every line of a burst of prints (tslab would drop them past ~500)', async () => {
    const r = await kernel.execute('for (let i = 0; i < 3000; i++) console.log("line " + i)');
    assert.strictEqual(r.status, 'ok');
    const lines = text(r.outputs, 'stdout').trimEnd().split('\n');
    assert.strictEqual(lines.length, 3000);
    assert.strictEqual(lines[2999], 'line 2999');
  });

  it('caps captured output per cell', async () => {
    const r = await kernel.execute('for (let i = 0; i < 30000; i++) console.log("0123456789")');
    assert.ok(r.truncated);
    assert.ok(JSON.stringify(r.outputs).length < 220_000);
    assert.match(text(r.outputs, 'stderr'), /output truncated at 200000 bytes/);
  });

  it('passes the environment and working directory', async () => {
    const r = await kernel.execute('console.log(process.env.REPLEARN_TEST_VAR, process.cwd())');
    assert.strictEqual(text(r.outputs, 'stdout').trim(), `from-the-client ${os.tmpdir()}`);
  });
});

describe('kernel/client: kernels that do not survive', function () {
  this.timeout(90_000);

  it('kills a kernel that ignores the interrupt; later calls report it dead', async () => {
    const k = await startKernel({ cwd: os.tmpdir() });
    const r = await k.execute('const spin = (async () => { await null; while (true) {} })(); await spin;', {
      timeoutMs: 1000,
      interruptGraceMs: 1000,
    });
    assert.strictEqual(r.status, 'timeout');
    assert.match(r.error?.evalue ?? '', /killed/);
    assert.strictEqual(k.isAlive(), false);
    assert.ok(processGone(k.pid));
    const after = await k.execute('1');
    assert.deepStrictEqual([after.status, after.error?.ename], ['dead', 'KernelDied']);
  });

  it('reports process.exit as a dead kernel with its exit code', async () => {
    const k = await startKernel({ cwd: os.tmpdir() });
    const r = await k.execute('console.log("bye"); process.exit(3)');
    assert.strictEqual(r.status, 'dead');
    assert.strictEqual(r.exit?.code, 3);
    assert.match(r.error?.evalue ?? '', /exited with code 3/);
  });

  it('limits the heap and names running out of it', async () => {
    const k = await startKernel({ cwd: os.tmpdir(), memoryLimitMb: 256 });
    const r = await k.execute('const hoard: number[][] = []; while (true) hoard.push(new Array(1e6).fill(1));', {
      timeoutMs: 60_000,
    });
    assert.strictEqual(r.status, 'dead');
    assert.strictEqual(r.error?.ename, 'OutOfMemory');
    assert.ok(r.exit?.outOfMemory);
  });

  it('kills a kernel whose resident memory passes rssLimitMb (buffers live outside the heap)', async () => {
    const k = await startKernel({ cwd: os.tmpdir(), rssLimitMb: 600 });
    const r = await k.execute(
      'const bufs: Buffer[] = []; while (true) { bufs.push(Buffer.alloc(50e6, 1)); await new Promise((r) => setTimeout(r, 5)); }',
      { timeoutMs: 60_000 },
    );
    assert.deepStrictEqual([r.status, r.error?.ename], ['dead', 'OutOfMemory']);
  });
});
