// The terminal summary after grading: one line per submission with each exercise's points, the total
// and any status other than passed/partial/failed.
import { SubmissionResult } from './gradebook';

/** A fixed-width table of `results`. */
export function summaryTable(results: SubmissionResult[]): string {
  const exerciseIds = [...new Set(results.flatMap((r) => r.exercises.map((e) => e.id)))];
  const notebooks = new Set(results.map((r) => r.notebook));
  const header = ['student', ...(notebooks.size > 1 ? ['notebook'] : []), ...exerciseIds, 'total', 'remarks'];
  const rows = results.map((r) => {
    const cells = exerciseIds.map((id) => {
      const e = r.exercises.find((x) => x.id === id);
      return e ? `${fmt(e.points)}/${fmt(e.max)}` : '';
    });
    const remarks = [
      ...(r.error ? [r.error] : []),
      ...r.exercises
        .filter((e) => !['passed', 'partial', 'failed'].includes(e.status))
        .map((e) => `${e.id}: ${e.status}`),
    ].join('; ');
    return [
      r.student,
      ...(notebooks.size > 1 ? [r.notebook] : []),
      ...cells,
      `${fmt(r.points)}/${fmt(r.max)}`,
      remarks,
    ];
  });
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((row) => Math.min(row[c].length, c === header.length - 1 ? 60 : 40))),
  );
  const line = (cells: string[]): string =>
    cells
      .map((s, c) => clip(s, c === cells.length - 1 ? 60 : 40).padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
