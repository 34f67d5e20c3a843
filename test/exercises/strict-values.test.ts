import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { checkCloseTo, checkEquals, checkShape } from '../../lib/exercises/checks';
import { createStrictReader } from '../../lib/exercises/strict-values';
import { numericValue } from '../../lib/exercises/values';

describe('exercises/strict-values: the recorder reads values by what they are', () => {
  const read = createStrictReader({ Tensor: tf.Tensor, clone: tf.clone });
  const expected = numericValue([2, 4, 6]);

  it('reads real numbers, arrays, typed arrays and live tensors', () => {
    assert.deepEqual(read.numeric(3), { kind: 'numeric', shape: [], values: [3] });
    assert.deepEqual(
      read.numeric([
        [1, 2],
        [3, 4],
      ]),
      { kind: 'numeric', shape: [2, 2], values: [1, 2, 3, 4] },
    );
    assert.deepEqual(read.numeric(new Float32Array([1, 2])), { kind: 'numeric', shape: [2], values: [1, 2] });
    const t = tf.tensor([[1, 2, 3]]);
    assert.deepEqual(read.numeric(t), { kind: 'numeric', shape: [1, 3], values: [1, 2, 3] });
    assert.deepEqual(read.shape(t), { kind: 'shape', shape: [1, 3] });
    assert.equal(checkCloseTo(read.numeric(tf.tensor([2, 4, 6])), expected, 1e-6), null);
    t.dispose();
  });

  it('the tensor-like { shape, arraySync: () => [] } and a fake Tensor-prototype object are unreadable and fail', () => {
    const fake = { shape: [3], arraySync: () => [], dataSync: () => new Float32Array(0) };
    const fromFake = read.numeric(fake);
    assert.equal(fromFake.kind, 'unreadable');
    assert.notEqual(checkCloseTo(fromFake, expected, 1e-6), null);
    assert.equal(read.shape(fake).kind, 'unreadable');
    const forged = Object.create(tf.Tensor.prototype) as { shape: number[]; dataId: object; dtype: string };
    forged.shape = [3];
    forged.dataId = {};
    forged.dtype = 'float32';
    assert.equal(read.numeric(forged).kind, 'unreadable');
    assert.notEqual(checkShape(read.shape(forged), [3]), null);
  });

  it('a disposed tensor, or one whose shape was rewritten to claim other data, is unreadable', () => {
    const gone = tf.tensor([2, 4, 6]);
    gone.dispose();
    assert.equal(read.numeric(gone).kind, 'unreadable');
    const t = tf.tensor([2, 4, 6]);
    (t as unknown as { shape: number[] }).shape = [30];
    assert.equal(read.numeric(t).kind, 'unreadable');
    t.dispose();
  });

  it('proxies, getters, holes and objects with their own valueOf/toString are refused', () => {
    assert.equal(read.numeric(new Proxy([2, 4, 6], {})).kind, 'unreadable');
    const getter = [2, 4, 0];
    Object.defineProperty(getter, 2, { get: () => 6 });
    assert.equal(read.numeric(getter).kind, 'unreadable');
    // eslint-disable-next-line no-sparse-arrays
    assert.equal(read.numeric([2, , 6]).kind, 'unreadable');
    assert.equal(read.data({ valueOf: () => 5 }).kind, 'unreadable');
    assert.equal(read.data({ toString: () => 'yes' }).kind, 'unreadable');
    assert.equal(read.data(new Proxy({ a: 1 }, {})).kind, 'unreadable');
    assert.equal(read.data(Object.defineProperty({}, 'a', { get: () => 1, enumerable: true })).kind, 'unreadable');
    assert.deepEqual(read.data({ b: [1, 'x'], a: null }), { kind: 'data', value: { a: null, b: [1, 'x'] } });
    assert.equal(checkEquals(read.data({ a: 1 }), { kind: 'data', value: { a: 1 } }), null);
  });

  it('without tfjs (a notebook that uses no tensors) nothing is read as a tensor', () => {
    const t = tf.tensor([1]);
    assert.equal(createStrictReader(null).numeric(t).kind, 'unreadable');
    t.dispose();
  });

  it('every comparison checks the element count: a shape without values and an empty comparison never pass', () => {
    assert.notEqual(checkCloseTo({ kind: 'numeric', shape: [3], values: [] }, expected, 1e-6), null);
    const empty = { kind: 'numeric' as const, shape: [0], values: [] };
    assert.notEqual(checkCloseTo(empty, empty, 1e-6), null);
    // The notebook-side reader no longer takes a claimed shape over the values it got.
    assert.deepEqual(numericValue({ shape: [3], arraySync: () => [] }), { kind: 'numeric', shape: [0], values: [] });
  });
});
