// The line format of the grading side channel: "<seq> <hmac> <json>\n". The HMAC (key known only to
// the grader and the recorder) and the sequence number make a line written by anyone else - or
// replayed, reordered or truncated - detectable.
import { hmacSha256Hex } from './hmac';
import { PatternSpec, RecordedValue } from './values';

/** The global name rewritten TESTS cells reach the recorder by (non-writable, set before tslab starts). */
export const RECORDER_GLOBAL = '__replearnGrader';

/** The assertion kinds a TESTS cell may call. */
export type AssertionKind = 'closeTo' | 'shapeIs' | 'throws' | 'isTrue' | 'equals';

/** One assertion as the recorder saw it. Expected values are present only in the reference run. */
export interface AssertionRecord {
  /** Index of the call site in the instructor's TESTS cell (source order). */
  site: number;
  kind: AssertionKind;
  actual: RecordedValue;
  expected?: RecordedValue;
  tol?: number;
  shape?: number[];
  pattern?: PatternSpec | null;
  message?: string;
}

/** A TESTS cell started (phase 'begin') or finished ('end'; `error` when its top level threw). */
export interface CellRecord {
  type: 'cell';
  ex: string;
  phase: 'begin' | 'end';
  error?: string;
}

/** One finished test: the assertions it made in order, and the error that ended it early, if any. */
export interface TestRecord {
  type: 'test';
  ex: string;
  /** Index of the test() call site in the TESTS cell. */
  test: number;
  name: string;
  points: number;
  asserts: AssertionRecord[];
  error?: string;
  ms: number;
}

/** Anything the recorder sends. */
export type GradingRecord = CellRecord | TestRecord;

/** What the grader sends the kernel first: the record key and the random seed. */
export interface ChannelHello {
  key: string;
  seed: number;
}

/** One signed line (with its newline). */
export function signedLine(key: string, seq: number, body: string): string {
  return `${seq} ${hmacSha256Hex(key, `${seq} ${body}`)} ${body}\n`;
}

/** A parsed line, or why it was rejected. */
export type LineCheck = { ok: true; seq: number; body: string } | { ok: false; reason: string };

/** Checks one line (without its newline) against `key`; its sequence number must be at least `minSeq` (no replays). */
export function checkLine(
  key: string,
  line: string,
  minSeq: number,
  mac: (key: string, message: string) => string = hmacSha256Hex,
): LineCheck {
  const m = /^(\d+) ([0-9a-f]{64}) (.*)$/s.exec(line);
  if (!m) return { ok: false, reason: 'not a record line' };
  const seq = Number(m[1]);
  if (mac(key, `${m[1]} ${m[3]}`) !== m[2]) return { ok: false, reason: 'bad signature' };
  if (seq < minSeq) return { ok: false, reason: `sequence ${seq} replayed (next is ${minSeq})` };
  return { ok: true, seq, body: m[3] };
}
