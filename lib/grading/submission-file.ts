// Opens a submitted file the way a grader must treat anything a student hands in: no symbolic link is
// followed, only a regular file under the size limit is read, and the read itself is bounded - a FIFO,
// a device or a link to /dev/zero is refused with a reason instead of hanging or filling memory.
import * as fs from 'fs';

/** Largest submission read (bytes); notebooks with outputs cleared are far smaller. */
export const MAX_SUBMISSION_BYTES = 32 * 1024 * 1024;

/** The file's text, or why it was refused. */
export type SubmissionText = { ok: true; text: string } | { ok: false; reason: string };

/** Reads `file` if it is a regular file (not a link) of at most `maxBytes`. */
export function readSubmission(file: string, maxBytes = MAX_SUBMISSION_BYTES): SubmissionText {
  let fd: number;
  try {
    const link = fs.lstatSync(file);
    const kind = fileKind(link);
    if (kind !== 'file') return { ok: false, reason: `${file} is ${kind}, not a regular file: it was not read` };
    if (link.size > maxBytes) return { ok: false, reason: tooLarge(file, link.size, maxBytes) };
    // O_NOFOLLOW and O_NONBLOCK: a link or FIFO swapped in after lstat fails or returns at once.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: `cannot read ${file}: ${code === 'ELOOP' ? 'it is a symbolic link' : (code ?? (e as Error).message)}`,
    };
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile())
      return { ok: false, reason: `${file} is ${fileKind(opened)}, not a regular file: it was not read` };
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(opened.size + 1, 1)));
    let length = 0;
    for (;;) {
      if (length === buffer.length)
        return {
          ok: false,
          reason: length > maxBytes ? tooLarge(file, length, maxBytes) : `${file} changed while it was read`,
        };
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return { ok: false, reason: tooLarge(file, length, maxBytes) };
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

function fileKind(s: fs.Stats): string {
  if (s.isSymbolicLink()) return 'a symbolic link';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a folder';
  return s.isFile() ? 'file' : 'not a regular file';
}

function tooLarge(file: string, size: number, max: number): string {
  return `${file} is larger than the ${Math.round(max / (1024 * 1024))} MiB a submission may be (${Math.round(size / (1024 * 1024))}+ MiB): it was not read`;
}
