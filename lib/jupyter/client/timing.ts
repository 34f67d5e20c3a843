/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Races `promises` against a timer worth `value` after `ms` (none when undefined), clearing the timer after. */
export async function raceTimer<T, V>(promises: Promise<T>[], ms: number | undefined, value: V): Promise<T | V> {
  if (ms === undefined || !Number.isFinite(ms)) return Promise.race(promises);
  let handle: NodeJS.Timeout | undefined;
  const fired = new Promise<V>((resolve) => (handle = setTimeout(() => resolve(value), ms)));
  try {
    return await Promise.race([...promises, fired]);
  } finally {
    clearTimeout(handle);
  }
}
