// `replearn lessons copy DIR`: a user's own, writable copy of the lessons that still imports the
// shared, read-only kit: DIR/node_modules links to the kit's node_modules (which holds `replearn`
// itself, its types and the packages lessons import), because tslab resolves imports from the
// notebook's folder upward. Lessons already in DIR are the user's work and are never overwritten.
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../project';

/** What the copy did. */
export interface LessonsCopyReport {
  dir: string;
  copied: string[];
  kept: string[];
  link: string;
  linkChanged: boolean;
}

/** DIR cannot receive the lessons (one line). */
export class LessonsCopyError extends Error {
  override name = 'LessonsCopyError';
}

/** Copies the kit's lessons into `dir` (missing ones only) and links DIR/node_modules to the kit's. */
export function copyLessons(dir: string): LessonsCopyReport {
  const kit = projectRoot();
  const out = path.resolve(dir);
  const source = path.join(kit, 'notebooks');
  if (out === source || out.startsWith(kit + path.sep)) {
    throw new LessonsCopyError(`${out} is inside the kit (${kit}): copy the lessons somewhere of your own`);
  }
  fs.mkdirSync(out, { recursive: true });
  const copied: string[] = [];
  const kept: string[] = [];
  for (const name of fs
    .readdirSync(source)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()) {
    const target = path.join(out, name);
    if (fs.existsSync(target)) {
      kept.push(name);
      continue;
    }
    // COPYFILE_EXCL: a file appearing meanwhile (the user saving) is kept, not replaced.
    fs.copyFileSync(path.join(source, name), target, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(target, 0o644);
    copied.push(name);
  }
  const link = path.join(out, 'node_modules');
  const want = path.join(kit, 'node_modules');
  const current = fs.lstatSync(link, { throwIfNoEntry: false });
  let linkChanged = false;
  if (!current || (current.isSymbolicLink() && fs.readlinkSync(link) !== want)) {
    if (current) fs.unlinkSync(link);
    fs.symlinkSync(want, link, 'dir');
    linkChanged = true;
  } else if (!current.isSymbolicLink()) {
    throw new LessonsCopyError(`${link} exists and is not a link: remove it, then run this again`);
  }
  return { dir: out, copied, kept, link, linkChanged };
}
