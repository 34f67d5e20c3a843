import { indicesByClass } from './class-index';
import { seededRandom } from './seeded-random';

/** Pairs of example indices with their target: same[i] = 1 when left[i] and right[i] share a class. */
export interface IndexPairs {
  left: Int32Array;
  right: Int32Array;
  same: Float32Array;
}

/** Options of {@link balancedPairs}. */
export interface BalancedPairsOptions {
  /** Number of matching pairs; as many non-matching pairs are drawn. */
  positives: number;
  seed?: number;
}

/**
 * Half matching, half non-matching pairs drawn at random from `labels` (seeded), interleaved.
 * A balanced set, because all pairs of a K-class set hold only ~1/K matches and a classifier would learn "no".
 */
export function balancedPairs(labels: ArrayLike<number>, options: BalancedPairsOptions): IndexPairs {
  const rand = seededRandom(options.seed ?? 0);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const classes = [...byClass.keys()].filter((c) => (byClass.get(c) ?? []).length >= 2);
  if (classes.length < 2) throw new Error('balancedPairs: need at least two classes with two examples each');
  const pick = (list: number[]): number => list[Math.floor(rand() * list.length)];
  const n = options.positives;
  const left = new Int32Array(2 * n);
  const right = new Int32Array(2 * n);
  const same = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = classes[Math.floor(rand() * classes.length)];
    const members = byClass.get(c)!;
    const a = pick(members);
    let b = pick(members);
    while (b === a) b = pick(members);
    left[2 * i] = a;
    right[2 * i] = b;
    same[2 * i] = 1;
    let other = classes[Math.floor(rand() * classes.length)];
    while (other === c) other = classes[Math.floor(rand() * classes.length)];
    left[2 * i + 1] = pick(members);
    right[2 * i + 1] = pick(byClass.get(other)!);
  }
  return { left, right, same };
}

/** Every unordered pair (i < j) of `labels`: all the genuine and impostor comparisons of a verification test. */
export function allPairs(labels: ArrayLike<number>): IndexPairs {
  const n = labels.length;
  const count = (n * (n - 1)) / 2;
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  const same = new Float32Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      left[k] = i;
      right[k] = j;
      same[k] = labels[i] === labels[j] ? 1 : 0;
    }
  }
  return { left, right, same };
}

/** Pairs drawn by {@link samplePairs}: same[i] = 1 when a[i] and b[i] share a label. */
export interface SampledPairs {
  a: Int32Array;
  b: Int32Array;
  same: Uint8Array;
}

/** Options of {@link samplePairs}. */
export interface SamplePairsOptions {
  seed?: number;
  /** Share of matching pairs (default 0.5); exactly round(n × positiveFraction) are drawn. */
  positiveFraction?: number;
}

/**
 * `n` pairs of example indices, a fixed share matching, in seeded random order. Matching pairs take a class
 * uniformly (then two distinct members), non-matching pairs two distinct classes uniformly, so small classes
 * count as much as large ones.
 */
export function samplePairs(labels: ArrayLike<number>, n: number, options: SamplePairsOptions = {}): SampledPairs {
  const fraction = options.positiveFraction ?? 0.5;
  if (!(fraction >= 0 && fraction <= 1))
    throw new Error(`samplePairs: positiveFraction must be in [0, 1], got ${fraction}`);
  const groups = indicesByClass(labels);
  const classes = [...groups.keys()];
  const pairable = classes.filter((c) => groups.get(c)!.length >= 2);
  const positives = Math.round(n * fraction);
  if (positives > 0 && pairable.length === 0)
    throw new Error('samplePairs: matching pairs need a class with two examples');
  if (positives < n && classes.length < 2) throw new Error('samplePairs: non-matching pairs need two classes');
  const rand = seededRandom(options.seed ?? 0);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const out: SampledPairs = { a: new Int32Array(n), b: new Int32Array(n), same: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    if (i < positives) {
      const members = groups.get(pick(pairable))!;
      const first = Math.floor(rand() * members.length);
      const second = (first + 1 + Math.floor(rand() * (members.length - 1))) % members.length;
      out.a[i] = members[first];
      out.b[i] = members[second];
      out.same[i] = 1;
    } else {
      const c1 = Math.floor(rand() * classes.length);
      const c2 = (c1 + 1 + Math.floor(rand() * (classes.length - 1))) % classes.length;
      out.a[i] = pick(groups.get(classes[c1])!);
      out.b[i] = pick(groups.get(classes[c2])!);
    }
  }
  // Interleave matching and non-matching pairs so any prefix (a batch) is balanced too.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out.a[i], out.a[j]] = [out.a[j], out.a[i]];
    [out.b[i], out.b[j]] = [out.b[j], out.b[i]];
    [out.same[i], out.same[j]] = [out.same[j], out.same[i]];
  }
  return out;
}
