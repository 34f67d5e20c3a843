/** A seeded uniform generator on [0, 1) (mulberry32): the same seed gives the same subsets, pairs and splits. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The integers 0..n-1 in a seeded random order (Fisher–Yates). */
export function shuffledIndices(n: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Up to `perClass` indices of each class in `labels`, chosen at random (seeded), in class order. */
export function samplePerClass(labels: ArrayLike<number>, perClass: number, seed: number): Int32Array {
  const taken = new Map<number, number>();
  const chosen: number[] = [];
  for (const i of shuffledIndices(labels.length, seed)) {
    const c = labels[i];
    const n = taken.get(c) ?? 0;
    if (n < perClass) {
      taken.set(c, n + 1);
      chosen.push(i);
    }
  }
  return Int32Array.from(chosen.sort((x, y) => labels[x] - labels[y] || x - y));
}
