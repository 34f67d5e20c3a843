// Per-student feedback as one self-contained HTML page per submission: every exercise and test with
// its points and failure message. Hidden tests appear by name only - never their source or their
// expected values.
import * as fs from 'fs';
import * as path from 'path';
import { SubmissionResult } from './gradebook';
import { ExerciseResult } from './verdict';

/** The feedback page of one submission. */
export function feedbackHtml(r: SubmissionResult): string {
  const title = `${r.student} — ${r.notebook}`;
  const problems = [...(r.error ? [r.error] : []), ...r.notes];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1f2328}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
.passed{color:#1a7f37}.failed{color:#cf222e}.status{font-weight:bold}.msg{white-space:pre-wrap;font-family:monospace;font-size:90%}
.hidden{color:#57606a;font-size:85%}
</style></head><body>
<h1>${esc(title)}</h1>
<p><strong>${fmt(r.points)} / ${fmt(r.max)} points</strong></p>
${problems.length ? `<ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}
${r.exercises.map(exerciseSection).join('\n')}
</body></html>
`;
}

/** Writes `feedback/<student>/<notebook>.html` under `outDir`; returns the path. */
export function writeFeedback(outDir: string, r: SubmissionResult): string {
  const file = path.join(
    outDir,
    'feedback',
    safeName(r.student),
    `${safeName(r.notebook.replace(/\.ipynb$/, ''))}.html`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, feedbackHtml(r));
  return file;
}

function exerciseSection(e: ExerciseResult): string {
  const cls = e.status === 'passed' ? 'passed' : 'failed';
  const rows = e.tests
    .map(
      (t) =>
        `<tr><td>${esc(t.name)}${t.hidden ? ' <span class="hidden">(hidden test)</span>' : ''}</td>` +
        `<td class="${t.passed ? 'passed' : 'failed'}">${t.passed ? 'passed' : 'failed'}</td><td>${fmt(t.earned)} / ${fmt(t.points)}</td>` +
        `<td class="msg">${t.passed ? '' : esc(t.message ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<h2>Exercise ${esc(e.id)} — ${fmt(e.points)} / ${fmt(e.max)} <span class="status ${cls}">${esc(e.status)}</span></h2>
${e.message ? `<p class="msg">${esc(e.message)}</p>` : ''}
<table><tr><th>test</th><th>result</th><th>points</th><th>message</th></tr>
${rows}
</table>`;
}

/** A name usable as a file or folder name. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
