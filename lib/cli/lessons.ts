import { copyLessons, LessonsCopyError } from '../hub';
import { commandArgs, UsageError } from './args';

const USAGE = `usage: replearn lessons copy DIR
  Your own copy of the lessons in DIR (created if needed) that imports the shared kit: copies the
  lessons DIR lacks - never overwriting one you have worked on - and links DIR/node_modules to the
  kit's. Safe to run at every login.`;

/** `replearn lessons copy`: 0 when DIR is ready, 1 when it cannot be, 2 for usage. */
export function run(args: string[]): number {
  const { positionals } = commandArgs(args, {}, USAGE);
  const [action, dir, ...rest] = positionals;
  if (action !== 'copy') throw new UsageError(action ? `unknown action "${action}"` : 'name an action: copy', USAGE);
  if (!dir || rest.length > 0) throw new UsageError('name one folder', USAGE);
  try {
    const r = copyLessons(dir);
    console.log(
      `${r.dir}: ${r.copied.length} lessons copied, ${r.kept.length} kept as they were` +
        `${r.linkChanged ? `; linked ${r.link}` : ''}`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof LessonsCopyError) && (e as NodeJS.ErrnoException).code === undefined) throw e;
    console.error(`replearn lessons copy: ${(e as Error).message}`);
    return 1;
  }
}
