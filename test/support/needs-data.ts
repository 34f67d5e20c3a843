// Tests that need a dataset say so with needsData(this, NAME). Where it is missing the test is reported pending,
// its title saying which dataset it needs, and counted for the closing list (test/support/data-pending-hook.ts);
// with REPLEARN_REQUIRE_DATA=1 (CI) a missing dataset fails the test instead. Nothing is skipped silently.
import type { Context, Suite } from 'mocha';
import { datasetStatus } from '../../lib/data/fetching/status';

/** Tests that could not run, by missing dataset. */
const pendingByDataset = new Map<string, number>();

/** How many tests each missing dataset kept from running so far. */
export function pendingForData(): ReadonlyMap<string, number> {
  return pendingByDataset;
}

/** True when every part of `dataset` is found in a data folder. */
export function haveDataset(dataset: string): boolean {
  return datasetStatus(dataset).complete;
}

function testsIn(suite: Suite): number {
  return suite.tests.length + suite.suites.reduce((n, s) => n + testsIn(s), 0);
}

/**
 * Skip the running test (or, called from a hook, the tests of its suite) unless every dataset named is present.
 * Skipped tests are pending with a reason; REPLEARN_REQUIRE_DATA=1 turns that into a failure.
 */
export function needsData(ctx: Context, ...datasets: string[]): void {
  pendingForMissing(
    ctx,
    datasets.filter((d) => !haveDataset(d)),
  );
}

/** Report the running test pending because `missing` datasets were not there (no-op for an empty list). */
export function pendingForMissing(ctx: Context, missing: string[]): void {
  if (missing.length === 0) return;
  const reason = `needs ${missing.join(', ')}: run \`npx replearn data fetch ${missing.join(' ')}\``;
  if (process.env.REPLEARN_REQUIRE_DATA === '1')
    throw new Error(`${reason} (REPLEARN_REQUIRE_DATA=1: a missing dataset is a failure)`);
  const runnable = ctx.test;
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const count = isHook && runnable?.parent ? testsIn(runnable.parent) : 1;
  for (const d of missing) pendingByDataset.set(d, (pendingByDataset.get(d) ?? 0) + count);
  const target = isHook ? runnable?.parent : runnable;
  if (target) target.title += ` [pending: ${reason}]`;
  ctx.skip();
}
