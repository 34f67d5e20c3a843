// A bounded pool for async work (notebooks run by `replearn run`, submissions graded): the one copy.
/** Maps `items` through `work` with at most `jobs` running at once; results keep the input order. */
export async function inPool<T, R>(
  items: T[],
  jobs: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
