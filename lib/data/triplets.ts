import { indicesByClass } from './class-index';
import { seededRandom } from './seeded-random';

/** Index triplets: labels[anchor[i]] = labels[positive[i]] ≠ labels[negative[i]], anchor[i] ≠ positive[i]. */
export interface SampledTriplets {
  anchor: Int32Array;
  positive: Int32Array;
  negative: Int32Array;
}

/** Options of {@link sampleTriplets}. */
export interface SampleTripletsOptions {
  seed?: number;
}

/**
 * `n` random triplets (seeded): the anchor's class is drawn uniformly among classes with two examples, the
 * positive is another member of it, the negative a member of a uniformly drawn other class.
 */
export function sampleTriplets(
  labels: ArrayLike<number>,
  n: number,
  options: SampleTripletsOptions = {},
): SampledTriplets {
  const groups = indicesByClass(labels);
  const classes = [...groups.keys()];
  const anchorable = classes.filter((c) => groups.get(c)!.length >= 2);
  if (n > 0 && (anchorable.length === 0 || classes.length < 2)) {
    throw new Error('sampleTriplets: needs a class with two examples and at least one other class');
  }
  const rand = seededRandom(options.seed ?? 0);
  const out: SampledTriplets = { anchor: new Int32Array(n), positive: new Int32Array(n), negative: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const c = anchorable[Math.floor(rand() * anchorable.length)];
    const members = groups.get(c)!;
    const first = Math.floor(rand() * members.length);
    const second = (first + 1 + Math.floor(rand() * (members.length - 1))) % members.length;
    const others = classes.length - 1;
    const ci = classes.indexOf(c);
    const other = classes[(ci + 1 + Math.floor(rand() * others)) % classes.length];
    const negatives = groups.get(other)!;
    out.anchor[i] = members[first];
    out.positive[i] = members[second];
    out.negative[i] = negatives[Math.floor(rand() * negatives.length)];
  }
  return out;
}
