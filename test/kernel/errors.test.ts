import * as assert from 'assert';
import { errorFromExit, errorFromReply } from '../../lib/jupyter/client/errors';

describe('kernel/errors', () => {
  it('reads the error of an execute_reply that came without an error output', () => {
    const e = errorFromReply({
      status: 'error',
      ename: 'TypeError',
      evalue: 'x is null',
      traceback: ['TypeError: x is null'],
    });
    assert.deepStrictEqual(e, { ename: 'TypeError', evalue: 'x is null', traceback: ['TypeError: x is null'] });
    assert.strictEqual(errorFromReply({ status: 'ok', execution_count: 1 }), undefined);
    assert.strictEqual(errorFromReply({ status: 'aborted' })?.ename, 'Aborted');
    assert.match(errorFromReply({ status: 'error' })?.evalue ?? '', /without an error message/);
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
