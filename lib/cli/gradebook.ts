import * as path from 'path';
import { MergeError, mergeGradebooks, summaryTable } from '../grading';
import { commandArgs, UsageError } from './args';

const USAGE = `usage: replearn gradebook merge <gradebook dir>... --out DIR
  Joins the --out folders of 'replearn grade --shard K/N' (all N of them) - or of separate runs on
  different submissions - into DIR/gradebook.csv, DIR/gradebook.json and DIR/feedback/, in the order
  a single run would have written. Refuses, naming the submission or shard, when any submission is
  graded twice or never (a missing shard, shards run on different files).`;

const OPTIONS = {
  out: { type: 'string' },
} as const;

/** `replearn gradebook merge`: 0 when merged, 1 when the gradebooks cannot be joined, 2 for usage. */
export function run(args: string[]): number {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  const [action, ...dirs] = positionals;
  if (action !== 'merge') throw new UsageError(action ? `unknown action "${action}"` : 'name an action: merge', USAGE);
  if (dirs.length === 0) throw new UsageError('name the gradebook folders to merge', USAGE);
  if (!values.out) throw new UsageError('--out DIR is required', USAGE);
  try {
    const report = mergeGradebooks(dirs, values.out);
    console.log(`${summaryTable(report.results)}\n`);
    console.log(`merged ${report.results.length} submissions from ${dirs.length} gradebooks`);
    console.log(`gradebook: ${report.gradebook.csv}, ${report.gradebook.json}`);
    console.log(`feedback:  ${path.join(path.resolve(values.out), 'feedback')} (${report.feedback} pages)`);
    return 0;
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    console.error(`replearn gradebook merge: ${e.message}`);
    return 1;
  }
}
