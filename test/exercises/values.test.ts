import { strict as assert } from 'assert';
import { checkCloseTo, checkEquals, checkShape, checkThrows, checkTrue } from '../../lib/exercises/checks';
import { dataValue, numericValue, shapeValue, threwValue, MAX_RECORDED_NUMBERS } from '../../lib/exercises/values';

describe('exercises/values + checks', () => {
  it('reads numbers, nested arrays, typed arrays and tensor-likes as shape + values', () => {
    assert.deepEqual(numericValue(2.5), { kind: 'numeric', shape: [], values: [2.5] });
    assert.deepEqual(
      numericValue([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      { kind: 'numeric', shape: [2, 3], values: [1, 2, 3, 4, 5, 6] },
    );
    assert.deepEqual(numericValue(new Float32Array([1, 2])), { kind: 'numeric', shape: [2], values: [1, 2] });
    const tensorLike = { shape: [2, 1], arraySync: () => [[7], [8]] };
    assert.deepEqual(numericValue(tensorLike), { kind: 'numeric', shape: [2, 1], values: [7, 8] });
    assert.deepEqual(
      numericValue([NaN, Infinity, -Infinity]).kind === 'numeric' && numericValue([NaN, Infinity, -Infinity]),
      {
        kind: 'numeric',
        shape: [3],
        values: ['NaN', 'Infinity', '-Infinity'],
      },
    );
  });

  it('says why a value is not numeric instead of throwing', () => {
    assert.match((numericValue([[1, 2], [3]]) as { reason: string }).reason, /ragged/);
    assert.match((numericValue('5') as { reason: string }).reason, /got string/);
    assert.match(
      (
        numericValue({
          shape: [1],
          arraySync: () => {
            throw new Error('disposed');
          },
        }) as { reason: string }
      ).reason,
      /threw: disposed/,
    );
    const huge = {
      shape: [MAX_RECORDED_NUMBERS + 1],
      arraySync: () => new Array<number>(MAX_RECORDED_NUMBERS + 1).fill(0),
    };
    assert.match((numericValue(huge) as { reason: string }).reason, /more than/);
  });

  it('closeTo: within tolerance passes, the message names the first bad element and hides the expected value on request', () => {
    assert.equal(checkCloseTo(numericValue([1, 2.0000001]), numericValue([1, 2]), 1e-6), null);
    assert.equal(checkCloseTo(numericValue(5.1), numericValue(5), 1e-6), 'got 5.1, expected 5 ± 0.000001');
    assert.equal(
      checkCloseTo(
        numericValue([
          [1, 2],
          [3, 9],
        ]),
        numericValue([
          [1, 2],
          [3, 4],
        ]),
        0.1,
      ),
      'element [1, 1] is 9, expected 4 ± 0.1 (1 of 4 elements differ)',
    );
    assert.equal(
      checkCloseTo(numericValue(5.1), numericValue(5), 1e-6, false),
      'got 5.1, not within 0.000001 of the expected value',
    );
    assert.equal(
      checkCloseTo(numericValue([1, 2]), numericValue([[1, 2]]), 1),
      'shape [2] differs from the expected [1, 2]',
    );
    assert.equal(checkCloseTo(numericValue(NaN), numericValue(NaN), 0), null);
    assert.notEqual(checkCloseTo(numericValue(NaN), numericValue(1), 10), null);
  });

  it('shapeIs, equals, throws and isTrue checks', () => {
    assert.equal(checkShape(shapeValue({ shape: [2, 3] }), [2, 3]), null);
    assert.equal(checkShape(shapeValue({ shape: [3, 2] }), [2, 3]), 'shape is [3, 2], expected [2, 3]');
    assert.equal(checkEquals(dataValue('cat'), dataValue('cat')), null);
    assert.equal(checkEquals(dataValue({ b: 1, a: [true] }), dataValue({ a: [true], b: 1 })), null);
    assert.equal(checkEquals(dataValue('dog'), dataValue('cat')), 'got "dog", expected "cat"');
    assert.equal(checkEquals(dataValue('dog'), dataValue('cat'), false), 'got "dog", which is not the expected value');
    assert.equal(checkEquals(dataValue([1, 2]), dataValue([1, 2])), null);
    assert.equal(
      checkThrows(
        threwValue(() => {
          throw new RangeError('bad k');
        }),
        { source: 'bad', flags: '' },
      ),
      null,
    );
    assert.equal(
      checkThrows(
        threwValue(() => 1),
        null,
      ),
      'expected the call to throw, but it returned normally',
    );
    assert.match(
      checkThrows(
        threwValue(() => {
          throw new Error('other');
        }),
        { source: 'bad', flags: '' },
        false,
      ) ?? '',
      /does not match the expected error/,
    );
    assert.equal(checkTrue({ kind: 'bool', value: false }, 'k must be positive'), 'k must be positive');
    assert.equal(checkTrue({ kind: 'bool', value: true }, 'x'), null);
  });
});
