import * as assert from 'assert';
import * as os from 'os';
import { KernelClient, startKernel } from '../../lib/jupyter/client/client';
import { NotebookOutput } from '../../lib/jupyter/client/outputs';

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

describe('kernel/client (live replearn kernel)', function () {
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
    assert.strictEqual(exit.code, 0, 'the kernel leaves on shutdown_request');
    assert.ok(processGone(pid));
  });

  it('starts and answers kernel_info', () => {
    assert.strictEqual(kernel.info.implementation, 'replearn');
    assert.strictEqual(kernel.info.status, 'ok');
    assert.ok(kernel.startupMs > 0 && kernel.startupMs < 60_000);
    assert.ok(kernel.pid > 0);
  });

  it('collects stdout, stderr and the last expression in order', async () => {
    const r = await kernel.execute('console.log("hi"); console.error("careful"); 40 + 2');
    assert.strictEqual(r.status, 'ok');
    assert.strictEqual(typeof r.executionCount, 'number');
    assert.deepStrictEqual(
      r.outputs.map((o) => o.output_type),
      ['stream', 'stream', 'execute_result'],
    );
    assert.strictEqual(text(r.outputs, 'stdout'), 'hi\n');
    const result = r.outputs[2];
    assert.ok(result.output_type === 'execute_result');
    assert.deepStrictEqual([result.data, result.execution_count], [{ 'text/plain': '42' }, r.executionCount]);
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

  it('reads a thrown error from the error message (frames name the cell line) and runs the next cell at once', async () => {
    const r = await kernel.execute('const n = 1;\nthrow new RangeError("boom " + n)');
    assert.strictEqual(r.status, 'error');
    assert.strictEqual(r.replyStatus, 'error');
    assert.deepStrictEqual([r.error?.ename, r.error?.evalue], ['RangeError', 'boom 1']);
    const shown = r.outputs.find((o) => o.output_type === 'error');
    assert.ok(shown?.output_type === 'error');
    assert.deepStrictEqual(shown.traceback.slice(0, 2), [
      'RangeError: boom 1',
      `    at (cell [${r.executionCount}], line 2)`,
    ]);
    const next = await kernel.execute('"still alive"');
    assert.strictEqual(next.status, 'ok', JSON.stringify(next));
  });

  it('detects TypeScript compile errors', async () => {
    const r = await kernel.execute('const x: number = "text";');
    assert.strictEqual(r.status, 'error');
    assert.strictEqual(r.error?.ename, 'TypeScriptError');
    assert.strictEqual(r.error?.evalue, "Type 'string' is not assignable to type 'number'. (line 1:7)");
    assert.ok(r.error?.traceback.includes('  1 | const x: number = "text";'));
  });

  it('detects an awaited rejection and an unhandled one (which fails the cell that started it)', async () => {
    const awaited = await kernel.execute('await Promise.reject(new TypeError("async bad"))');
    assert.deepStrictEqual(
      [awaited.status, awaited.error?.ename, awaited.error?.evalue],
      ['error', 'TypeError', 'async bad'],
    );
    const unhandled = await kernel.execute(
      'Promise.reject(new Error("nobody catches")); await new Promise((r) => setTimeout(r, 50));',
    );
    assert.strictEqual(unhandled.replyStatus, 'error');
    assert.deepStrictEqual([unhandled.error?.ename, unhandled.error?.evalue], ['Error', 'nobody catches']);
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

  it('receives every line of a burst of prints (tslab dropped them past ~500)', async () => {
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
