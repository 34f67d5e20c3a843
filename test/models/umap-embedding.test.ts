import * as assert from 'assert';
import { seededRandom } from '../../lib/data/seeded-random';
import { umapEmbedding } from '../../lib/models/umap-embedding';

describe('models/umap-embedding', () => {
  // Two tight clusters of 40 points in 10-D, far apart.
  const rand = seededRandom(1);
  const points = Array.from({ length: 80 }, (_, i) => Array.from({ length: 10 }, () => (i < 40 ? 0 : 10) + rand()));

  it('keeps well-separated clusters apart in 2-D, and the same seed gives the same map', function () {
    this.timeout(30000);
    const map = umapEmbedding(points, { nNeighbors: 10, nEpochs: 100, seed: 4 });
    assert.strictEqual(map.length, 80);
    assert.strictEqual(map[0].length, 2);
    const centre = (from: number): number[] =>
      [0, 1].map((d) => map.slice(from, from + 40).reduce((s, p) => s + p[d], 0) / 40);
    const spread = (from: number, c: number[]): number =>
      Math.max(...map.slice(from, from + 40).map((p) => Math.hypot(p[0] - c[0], p[1] - c[1])));
    const [ca, cb] = [centre(0), centre(40)];
    const gap = Math.hypot(ca[0] - cb[0], ca[1] - cb[1]);
    assert.ok(gap > spread(0, ca) + spread(40, cb), `clusters overlap: centres ${gap} apart`);
    assert.deepStrictEqual(umapEmbedding(points, { nNeighbors: 10, nEpochs: 100, seed: 4 }), map);
  });
});
