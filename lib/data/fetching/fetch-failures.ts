// Downloads that failed in this process, by dataset: a lesson that loads the same missing dataset twice tries
// the network once, and the missing-dataset message can say why the download did not help.
const failures = new Map<string, string>();

/** Remember (or, with null, forget) why `dataset` could not be downloaded. */
export function recordFetchFailure(dataset: string, why: string | null): void {
  if (why === null) failures.delete(dataset);
  else failures.set(dataset, why);
}

/** Why `dataset` could not be downloaded earlier in this process, or null. */
export function lastFetchFailure(dataset: string): string | null {
  return failures.get(dataset) ?? null;
}
