// Milliseconds per query of a search, the figure a retrieval lesson compares methods by. Wall-clock time: the
// machine's load shows in it, which is why lessons compare methods within one run, never against quoted times.

/** Mean milliseconds of `search(q)` over queries q = 0..count-1, after one untimed warm-up call (query 0). */
export function msPerQuery(count: number, search: (q: number) => unknown): number {
  if (!(count >= 1)) throw new Error(`msPerQuery: count must be at least 1, got ${count}`);
  search(0);
  const start = performance.now();
  for (let q = 0; q < count; q++) search(q);
  return (performance.now() - start) / count;
}

/** The value of `run()` and the milliseconds it took (for a search that handles all queries in one call). */
export function timedRun<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}
