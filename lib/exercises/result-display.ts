// Shows one test's outcome in the notebook: one line of HTML (text in plain node). Finds tslab's
// display writer among loaded modules, like lib/viz does, since this area imports nothing of ours.
import * as path from 'path';

type Writer = (content: { data: Record<string, string>; metadata: Record<string, unknown> }, update: boolean) => void;

/** One finished test as the student sees it. */
export interface TestOutcome {
  name: string;
  points: number;
  passed: boolean;
  /** Why it failed (absent when it passed). */
  message?: string;
}

/** Displays `outcome` as one output: a passed/failed line with points and the failure message, no stack. */
export function showOutcome(outcome: TestOutcome): void {
  const data = { 'text/html': outcomeHtml(outcome), 'text/plain': outcomeText(outcome) };
  const writer = tslabWriter();
  if (writer) writer({ data, metadata: {} }, false);
  else process.stdout.write(`${data['text/plain']}\n`);
}

/** "✔ name — 1/1 point" or "✘ name — 0/2 points: message". */
export function outcomeText(o: TestOutcome): string {
  const earned = o.passed ? o.points : 0;
  const head = `${o.passed ? '✔ passed' : '✘ failed'}  ${o.name} — ${earned}/${o.points} ${o.points === 1 ? 'point' : 'points'}`;
  return o.passed || !o.message ? head : `${head}: ${o.message}`;
}

function outcomeHtml(o: TestOutcome): string {
  const colour = o.passed ? '#1a7f37' : '#cf222e';
  const mark = o.passed ? '✔ passed' : '✘ failed';
  const earned = o.passed ? o.points : 0;
  const message =
    o.passed || !o.message ? '' : `<div style="margin-left:1.6em;white-space:pre-wrap">${escape(o.message)}</div>`;
  return (
    `<div style="font-family:var(--jp-code-font-family,monospace);margin:2px 0">` +
    `<span style="color:${colour};font-weight:bold">${mark}</span> ${escape(o.name)} ` +
    `<span style="color:#57606a">— ${earned}/${o.points} ${o.points === 1 ? 'point' : 'points'}</span>${message}</div>`
  );
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tslabWriter(): Writer | null {
  const suffix = path.join('tslab', 'dist', 'jupyter.js');
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!file.endsWith(suffix) || !mod) continue;
    const writer = (mod.exports as { lastWriteDisplayData?: Writer | null }).lastWriteDisplayData;
    if (typeof writer === 'function') return writer;
  }
  return null;
}
