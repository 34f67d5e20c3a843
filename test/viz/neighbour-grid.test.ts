import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { captureDisplays } from '../../lib/viz/display';
import { neighbourOrder, showNeighbours } from '../../lib/viz/neighbour-grid';

describe('viz/neighbour-grid', () => {
  const lists = {
    indices: [
      [4, 2, 1],
      [0, 3, 4],
      [1, 0, 2],
    ],
  };

  it('orders each query, then its first neighbours, for the first rows', () => {
    assert.deepStrictEqual(neighbourOrder([3, 1, 2], lists, 2, 2), [3, 4, 2, 1, 0, 3]);
    assert.deepStrictEqual(neighbourOrder([3], lists, 5, 1), [3, 4], 'no more rows than queries');
  });

  it('shows flat square rows as one captioned grid row per query, no tensors left', () => {
    // Image i is 4 pixels of value i / 10, as a flat row: reshaped to 2 x 2.
    const images = tf.tidy(() => tf.range(0, 5).div(10).reshape([5, 1]).tile([1, 4]));
    const before = tf.memory().numTensors;
    const cap = captureDisplays();
    try {
      showNeighbours(images, [3, 1], lists, { neighbours: 2, caption: (i) => `item ${i}`, title: 'found' });
    } finally {
      cap.restore();
    }
    assert.strictEqual(tf.memory().numTensors, before);
    images.dispose();
    assert.strictEqual(
      cap.messages[0].data['text/plain'],
      'found: 6 images 2x2 in a 2x3 grid\nitem 3 | item 4 | item 2\nitem 1 | item 0 | item 3',
    );
  });
});
