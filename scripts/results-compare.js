#!/usr/bin/env node
// Prints the keyed results of several runs of the same lessons side by side, one markdown row per headline number and
// one column per run (for environment.md: how far a number moves with the seeds and the backend):
//   node scripts/results-compare.js "tfjs-node, lesson seeds=artifacts/full" "wasm, lesson seeds=artifacts/full-wasm"
// Each argument is "<how the run was made>=<folder or executed notebook>"; a number a run lacks shows as "—", and the
// last row of each lesson gives each run's length. Needs the built library (npm run build).
'use strict';
const fs = require('fs');
const path = require('path');

const { resultsInNotebook } = require(path.join(__dirname, '..', 'dist', 'lib', 'viz', 'results-table.js'));
const { notebookFiles, labelledInput, runMinutes } = require('./notebook-files');
const { markdownCell: cell } = require('./markdown-cell');

function main(args) {
  if (args.length === 0 || args.some((a) => !a.includes('='))) {
    console.error('usage: node scripts/results-compare.js "<how the run was made>=<folder or notebook>"...');
    return 2;
  }
  const runs = args.map(labelledInput);
  const missing = runs.find((r) => !fs.existsSync(r.input));
  if (missing) {
    console.error(`results-compare: no such notebook or folder: ${missing.input}`);
    return 1;
  }
  const lessons = new Map(); // lesson -> { results: Map(key -> { result, values[] }), times[] }
  runs.forEach((run, i) => {
    for (const file of notebookFiles([run.input])) {
      const lesson = path.basename(file, '.ipynb');
      const notebook = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!lessons.has(lesson)) lessons.set(lesson, { results: new Map(), times: [] });
      const entry = lessons.get(lesson);
      entry.times[i] = runMinutes(notebook);
      for (const table of resultsInNotebook(notebook))
        for (const row of table.rows) {
          if (row.key === undefined) continue;
          if (!entry.results.has(row.key)) entry.results.set(row.key, { result: row.result, values: [] });
          entry.results.get(row.key).values[i] = row.oursText;
        }
    }
  });
  console.log(`| lesson | result | ${runs.map((r) => cell(r.label)).join(' | ')} |`);
  console.log(`|---|---|${runs.map(() => '---|').join('')}`);
  const row = (cells) => console.log(`| ${cells.map(cell).join(' | ')} |`);
  for (const [lesson, { results, times }] of [...lessons].sort(([a], [b]) => a.localeCompare(b))) {
    for (const { result, values } of results.values()) row([lesson, result, ...runs.map((_, i) => values[i] ?? '—')]);
    row([lesson, 'run time', ...runs.map((_, i) => times[i] ?? '—')]);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
