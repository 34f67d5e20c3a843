import * as tf from '@tensorflow/tfjs';

/** Share of points whose nearest other point (Euclidean, in the given coordinates) has the same label. */
export function nearestNeighbourAgreement(points: tf.Tensor2D | number[][], labels: ArrayLike<number>): number {
  const nearest = tf.tidy(() => {
    const p = Array.isArray(points) ? tf.tensor2d(points) : points;
    const sq = p.square().sum(1);
    // |a − b|² = |a|² + |b|² − 2 a·b for all pairs at once; a point may not be its own neighbour.
    const d = sq
      .reshape([-1, 1])
      .add(sq.reshape([1, -1]))
      .sub(p.matMul(p.transpose()).mul(2));
    return d.add(tf.eye(p.shape[0]).mul(1e30)).argMin(1).dataSync();
  });
  let same = 0;
  nearest.forEach((j, i) => {
    if (labels[j] === labels[i]) same++;
  });
  return same / nearest.length;
}
