import { indicesByClass } from './class-index';

/**
 * One P×K batch for triplet training (Hermans et al. 2017): `perClass` examples (K) of each of `classes` (P)
 * distinct classes drawn at random, so that every anchor has positives and negatives inside the batch.
 * A class with fewer than K examples is drawn from with repetition.
 */
export function classBalancedBatch(
  labels: ArrayLike<number>,
  classes: number,
  perClass: number,
  rand: () => number,
): Int32Array {
  const byClass = indicesByClass(labels);
  const all = [...byClass.keys()];
  if (classes > all.length)
    throw new Error(`classBalancedBatch: ${classes} classes asked, the labels have ${all.length}`);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const batch: number[] = [];
  for (const c of all.slice(0, classes)) {
    const members = byClass.get(c)!;
    const pool = [...members];
    for (let k = 0; k < perClass; k++) {
      if (pool.length === 0) {
        batch.push(members[Math.floor(rand() * members.length)]);
        continue;
      }
      const j = Math.floor(rand() * pool.length);
      batch.push(pool[j]);
      pool[j] = pool[pool.length - 1];
      pool.pop();
    }
  }
  return Int32Array.from(batch);
}
