// Grading spread over machines: `--shard K/N` picks the submissions whose student/notebook key hashes
// to K, so every machine that sees the same submissions picks a disjoint slice whatever the file order
// (or mount point) there, and the slices together cover them all. The shard header (shard.json beside
// the partial gradebook) lists every key the shard saw, so a merge can prove nothing was lost.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** One slice: `index` in 1..count. */
export interface Shard {
  index: number;
  count: number;
}

/** What a partial gradebook records about its slice (DIR/shard.json). */
export interface ShardHeader {
  shard: Shard;
  /** The key of every submission this shard saw, in grading order (its own and the others'). */
  submissions: string[];
}

/** The file beside gradebook.json that marks a partial gradebook. */
export const SHARD_FILE = 'shard.json';

/** Parses "K/N" (1 ≤ K ≤ N); a one-line reason (string) when it is not of that form. */
export function parseShard(spec: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) return `--shard needs K/N (for example 2/5), got "${spec}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard K/N needs 1 ≤ K ≤ N, got "${spec}"`;
  return { index, count };
}

/** The key a submission is sharded and merged by: whose it is and which assignment it answers. */
export function submissionKey(student: string, notebook: string): string {
  return `${student}/${notebook}`;
}

/** The shard (1..count) that owns `key`: the first 48 bits of its SHA-256, modulo count. */
export function shardOf(key: string, count: number): number {
  const digest = createHash('sha256').update(key).digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** The items of `items` that fall in `shard`, in their order. */
export function inShard<T>(items: T[], shard: Shard, key: (item: T) => string): T[] {
  return items.filter((item) => shardOf(key(item), shard.count) === shard.index);
}

/** Writes DIR/shard.json. */
export function writeShardHeader(outDir: string, header: ShardHeader): string {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, SHARD_FILE);
  fs.writeFileSync(file, JSON.stringify(header, null, 1) + '\n');
  return file;
}
