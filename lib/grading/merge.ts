// `replearn gradebook merge`: joins the partial gradebooks of sharded runs (or of separate runs on
// disjoint submissions) into one, as a single run on all submissions would have written it. A
// submission graded twice, or never (a missing shard, shards that saw different submissions), stops
// the merge with one line: a gradebook with a hole looks complete in a spreadsheet.
import * as fs from 'fs';
import * as path from 'path';
import { SubmissionResult, writeGradebook } from './gradebook';
import { SHARD_FILE, ShardHeader, shardOf, submissionKey } from './shard';

/** Partial gradebooks that cannot be joined (the message says which and why, on one line). */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** One input folder, read. */
interface Part {
  dir: string;
  header: ShardHeader | null;
  results: SubmissionResult[];
}

/** What a merge wrote. */
export interface MergeReport {
  results: SubmissionResult[];
  gradebook: { csv: string; json: string };
  /** How many feedback pages were copied. */
  feedback: number;
}

/** Joins the gradebooks in `dirs` into `outDir` (gradebook.csv, gradebook.json, feedback/). */
export function mergeGradebooks(dirs: string[], outDir: string): MergeReport {
  if (dirs.length === 0) throw new MergeError('name at least one gradebook folder');
  const out = path.resolve(outDir);
  const clash = dirs.find((d) => path.resolve(d) === out);
  if (clash) throw new MergeError(`--out ${outDir} is one of the gradebooks being merged; choose another folder`);
  const parts = dirs.map(readPart);
  const results = parts.every((p) => p.header) ? joinShards(parts) : joinDisjoint(parts);
  const gradebook = writeGradebook(out, results);
  let feedback = 0;
  for (const p of parts) {
    const src = path.join(p.dir, 'feedback');
    if (!fs.existsSync(src)) continue;
    fs.cpSync(src, path.join(out, 'feedback'), { recursive: true });
    feedback += p.results.length;
  }
  return { results, gradebook, feedback };
}

function keyOf(r: SubmissionResult): string {
  return submissionKey(r.student, r.notebook);
}

/** Shards 1..N of one run: every shard present once, all saw the same submissions, each graded its own. */
function joinShards(parts: Part[]): SubmissionResult[] {
  const headers = parts.map((p) => p.header!);
  const count = headers[0].shard.count;
  const other = parts.find((p) => p.header!.shard.count !== count);
  if (other) {
    throw new MergeError(
      `${parts[0].dir} is a shard of ${count} but ${other.dir} is a shard of ${other.header!.shard.count}`,
    );
  }
  const byIndex = new Map<number, Part>();
  for (const p of parts) {
    const index = p.header!.shard.index;
    const seen = byIndex.get(index);
    if (seen) throw new MergeError(`shard ${index}/${count} is given twice: ${seen.dir} and ${p.dir}`);
    byIndex.set(index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const list = missing.map((i) => `${i}/${count}`).join(', ');
    throw new MergeError(
      `shard ${list} ${missing.length > 1 ? 'are' : 'is'} missing: their submissions were never graded`,
    );
  }
  const universe = headers[0].submissions;
  for (const p of parts.slice(1)) {
    const theirs = p.header!.submissions;
    const diff = firstDifference(universe, theirs);
    if (diff !== null) {
      throw new MergeError(
        `${parts[0].dir} and ${p.dir} were graded on different submissions (${universe.length} vs ${theirs.length}; first difference: ${diff}); rerun every shard on the same files`,
      );
    }
  }
  const queues = new Map<string, SubmissionResult[]>();
  for (const p of parts) {
    const index = p.header!.shard.index;
    for (const r of p.results) {
      const key = keyOf(r);
      if (shardOf(key, count) !== index) {
        throw new MergeError(`${p.dir} holds ${key}, which belongs to shard ${shardOf(key, count)}/${count}`);
      }
      queues.set(key, [...(queues.get(key) ?? []), r]);
    }
  }
  const merged = universe.map((key) => {
    const next = queues.get(key)?.shift();
    if (!next) throw new MergeError(`${key} was never graded (its shard ${shardOf(key, count)}/${count} lacks it)`);
    return next;
  });
  const extra = [...queues.entries()].find(([, q]) => q.length > 0);
  if (extra) throw new MergeError(`${extra[0]} is graded more often than it was submitted`);
  return merged;
}

/** Gradebooks of separate runs: no submission may appear in two of them. */
function joinDisjoint(parts: Part[]): SubmissionResult[] {
  const sharded = parts.find((p) => p.header);
  if (sharded) {
    const plain = parts.find((p) => !p.header)!;
    throw new MergeError(`${sharded.dir} is a shard but ${plain.dir} is not; merge the shards of one run together`);
  }
  const owner = new Map<string, string>();
  for (const p of parts) {
    for (const r of p.results) {
      const key = keyOf(r);
      const first = owner.get(key);
      if (first !== undefined) throw new MergeError(`${key} is graded in both ${first} and ${p.dir}`);
      owner.set(key, p.dir);
    }
  }
  return parts.flatMap((p) => p.results);
}

function firstDifference(a: string[], b: string[]): string | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] ?? b[i];
  }
  return null;
}

/** The submissions of DIR/gradebook.json and its shard header, if any. */
function readPart(dir: string): Part {
  const read = (name: string): unknown => {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      throw new MergeError(`cannot read ${file}: ${code ?? (e as Error).message}`);
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new MergeError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  };
  const book = read('gradebook.json') as { submissions?: unknown } | undefined;
  if (book === undefined)
    throw new MergeError(`${dir} holds no gradebook.json (is it the --out folder of replearn grade?)`);
  if (!Array.isArray(book.submissions))
    throw new MergeError(`${path.join(dir, 'gradebook.json')} has no submissions list`);
  const header = read(SHARD_FILE) as ShardHeader | undefined;
  if (header !== undefined && !validHeader(header)) throw new MergeError(`${path.join(dir, SHARD_FILE)} is damaged`);
  const results = (book.submissions as unknown[]).map((s, i) =>
    toResult(s, `${path.join(dir, 'gradebook.json')} entry ${i + 1}`),
  );
  return { dir, header: header ?? null, results };
}

function validHeader(h: ShardHeader): boolean {
  const s = h?.shard;
  return (
    !!s &&
    Number.isInteger(s.index) &&
    Number.isInteger(s.count) &&
    s.index >= 1 &&
    s.index <= s.count &&
    Array.isArray(h.submissions) &&
    h.submissions.every((k) => typeof k === 'string')
  );
}

/** A gradebook.json submission back as a result (its duration is not in the file). */
function toResult(raw: unknown, where: string): SubmissionResult {
  const s = raw as Partial<SubmissionResult>;
  if (
    typeof s?.student !== 'string' ||
    typeof s.notebook !== 'string' ||
    typeof s.file !== 'string' ||
    typeof s.points !== 'number' ||
    typeof s.max !== 'number' ||
    !Array.isArray(s.exercises)
  ) {
    throw new MergeError(`${where} lacks student, notebook, file, points, max or exercises`);
  }
  return {
    student: s.student,
    notebook: s.notebook,
    file: s.file,
    ...(typeof s.error === 'string' ? { error: s.error } : {}),
    notes: Array.isArray(s.notes) ? s.notes : [],
    exercises: s.exercises,
    points: s.points,
    max: s.max,
    durationMs: 0,
  };
}
