import { strict as assert } from 'assert';
import * as exercises from '../../lib/exercises';

describe('exercises (the assertion API of TESTS cells, outside a kernel)', () => {
  let writes: string[];
  let original: typeof process.stdout.write;
  beforeEach(() => {
    writes = [];
    // Kept unbound so that the very same function is put back afterwards.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    original = process.stdout.write;
    process.stdout.write = (chunk: string) => {
      writes.push(String(chunk));
      return true;
    };
  });
  afterEach(() => {
    process.stdout.write = original;
  });

  it('shows a passed test with its points, a failed one with its message and no stack', async () => {
    await exercises.test('adds up', 2, () => exercises.closeTo(1 + 1, 2));
    await exercises.test('wrong sum', 1, () => exercises.closeTo([1, 2], [1, 3], 0.5));
    await exercises.test('student code throws', 1, () => {
      throw new TypeError('x is undefined');
    });
    await exercises.test('async body', 1, async () => {
      await Promise.resolve();
      exercises.isTrue(false, 'k must be positive');
    });
    process.stdout.write = original;
    assert.deepEqual(writes, [
      '✔ passed  adds up — 2/2 points\n',
      '✘ failed  wrong sum — 0/1 point: element [1] is 2, expected 3 ± 0.5 (1 of 2 elements differ)\n',
      '✘ failed  student code throws — 0/1 point: TypeError: x is undefined\n',
      '✘ failed  async body — 0/1 point: k must be positive\n',
    ]);
    assert.ok(
      writes.every((w) => !/\n\s+at /.test(w)),
      'no stack trace lines',
    );
  });

  it('the assertions throw only on failure', () => {
    exercises.shapeIs({ shape: [2, 2] }, [2, 2]);
    exercises.throws(() => {
      throw new Error('boom');
    }, /boom/);
    exercises.equals({ a: [1, 'x'] }, { a: [1, 'x'] });
    assert.throws(() => exercises.shapeIs({ shape: [2] }, [2, 2]), /shape is \[2\], expected \[2, 2\]/);
    assert.throws(() => exercises.throws(() => 0), /returned normally/);
    assert.throws(() => exercises.equals('a', 'b'), /got "a", expected "b"/);
  });
});
