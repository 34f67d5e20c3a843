import * as assert from 'assert';
import { errorFromExit, errorFromStderr, uncaughtFromStderr } from '../../lib/kernel/errors';

// Verbatim stderr that tslab 1.0.22 sends (see client.test.ts for the live versions).
const SYNC_THROW =
  'evalmachine.<anonymous>:2\nthrow new Error("boom");\n^\n\nError: boom\n    at evalmachine.<anonymous>:2:7\n    at evalmachine.<anonymous>:4:3\n';
const CUSTOM_THROW =
  'evalmachine.<anonymous>:7\nthrow new MyErr("custom");\n^\n\nMyErr: custom\n    at evalmachine.<anonymous>:7:7\n';
const ASYNC_REJECT = 'RangeError: async bad\n    at evalmachine.<anonymous>:3:43\n';
const COMPILE = ["1:7 - Type 'string' is not assignable to type 'number'.\n", "2:1 - Cannot find name 'foo'.\n"];
const UNHANDLED = 'UnhandledPromiseRejection: TypeError: nobody catches\n    at evalmachine.<anonymous>:3:16\n';

describe('kernel/errors', () => {
  it('reads name and message of a thrown Error past the source line and caret', () => {
    const e = errorFromStderr(['some earlier warning\n', SYNC_THROW]);
    assert.strictEqual(e.ename, 'Error');
    assert.strictEqual(e.evalue, 'boom');
    assert.ok(e.traceback.includes('Error: boom'));
    assert.deepStrictEqual(
      [errorFromStderr([CUSTOM_THROW]).ename, errorFromStderr([CUSTOM_THROW]).evalue],
      ['MyErr', 'custom'],
    );
    assert.deepStrictEqual(
      [errorFromStderr([ASYNC_REJECT]).ename, errorFromStderr([ASYNC_REJECT]).evalue],
      ['RangeError', 'async bad'],
    );
  });

  it('turns TypeScript diagnostics into one CompileError', () => {
    const e = errorFromStderr(COMPILE);
    assert.strictEqual(e.ename, 'CompileError');
    assert.strictEqual(
      e.evalue,
      "1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'foo'.",
    );
  });

  it('handles thrown non-errors and silence', () => {
    assert.deepStrictEqual(
      [errorFromStderr(['just a string\n']).ename, errorFromStderr(['just a string\n']).evalue],
      ['Error', 'just a string'],
    );
    assert.match(errorFromStderr([]).evalue, /without an error message/);
  });

  it('finds failures that escaped the cell, and only those', () => {
    const e = uncaughtFromStderr(['ok line\n', UNHANDLED]);
    assert.deepStrictEqual([e?.ename, e?.evalue], ['UnhandledPromiseRejection', 'TypeError: nobody catches']);
    assert.strictEqual(uncaughtFromStderr(['a warning: UnhandledPromiseRejection is mentioned here\n']), undefined);
  });

  it('names out-of-memory deaths', () => {
    const oom = errorFromExit({
      code: null,
      signal: 'SIGABRT',
      outOfMemory: true,
      stderrTail: 'FATAL ERROR: Reached heap limit',
    });
    assert.strictEqual(oom.ename, 'OutOfMemory');
    assert.strictEqual(
      errorFromExit({ code: 3, signal: null, outOfMemory: false, stderrTail: '' }).evalue,
      'the kernel exited with code 3',
    );
  });
});
