#!/usr/bin/env node
// Sets the bands of notebooks/expected-results.json from executed lessons (quick budget unless --budget full):
//   node scripts/expected-bands.js "tfjs-node, lesson seeds=artifacts/quick-tf" "wasm, lesson seeds=artifacts/quick-wasm" ...
//   node scripts/expected-bands.js --budget full "tfjs-node, lesson seeds=artifacts/full"
// Each argument is "<how the run was made>=<folder of executed notebooks>". Per keyed row: value = middle of the runs;
// tolerance = the larger of twice the largest distance of a run from it and a floor by kind of number (below);
// backends = those the runs were on; set = every run's number and this rule. Lessons and keys not in the runs keep
// their bands. Needs the built library (npm run build); run `npx prettier --write notebooks/expected-results.json` after.
'use strict';
const fs = require('fs');
const path = require('path');

const { resultsInNotebook } = require(path.join(__dirname, '..', 'dist', 'lib', 'viz', 'results-table.js'));
const { labelledInput } = require('./notebook-files');
const FILE = path.join(__dirname, '..', 'notebooks', 'expected-results.json');
const NOTE = process.env.BANDS_NOTE ? `${process.env.BANDS_NOTE.trim()} ` : '';

/** The smallest tolerance for a number of this kind, and how to say it. */
function floor(key, value) {
  if (/accuracy|test-error$|-p10$|probe/.test(key)) return [0.04, 'floor 0.04 absolute (accuracies, error rates)'];
  if (/max-diff/.test(key)) return [1e-4, 'floor 1e-4 absolute (float32 rounding is ~1e-6)'];
  if (/cosine/.test(key)) return [0.02, 'floor 0.02 absolute'];
  if (/threshold/.test(key)) return [0.05, 'floor 0.05 absolute'];
  if (/minus/.test(key)) return [0.03, 'floor 0.03 absolute (a difference of precisions)'];
  return [Math.abs(value) / 10, 'floor 10% of the value'];
}

const significant = (x) => Number(x.toPrecision(4));

function main(argv) {
  const budget = argv[0] === '--budget' ? argv[1] : 'quick';
  const args = argv[0] === '--budget' ? argv.slice(2) : argv;
  if (budget !== 'quick' && budget !== 'full') {
    console.error(`expected-bands: --budget is quick or full, not ${budget}`);
    return 2;
  }
  if (args.length === 0 || args.some((a) => !a.includes('='))) {
    console.error('usage: node scripts/expected-bands.js [--budget quick|full] "<how the run was made>=<folder>"...');
    return 2;
  }
  const found = {}; // lesson -> key -> [{ value, backend, run }]
  for (const arg of args) {
    const { label: run, input: dir } = labelledInput(arg);
    if (!fs.existsSync(dir)) {
      console.error(`expected-bands: no such folder: ${dir}`);
      return 1;
    }
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.ipynb'))) {
      const lesson = name.replace(/\.ipynb$/, '');
      const notebook = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      for (const table of resultsInNotebook(notebook)) {
        if (table.budget !== budget) continue;
        for (const row of table.rows)
          if (row.key !== undefined && typeof row.ours === 'number')
            ((found[lesson] ??= {})[row.key] ??= []).push({ value: row.ours, backend: table.backend, run });
      }
    }
  }
  const doc = JSON.parse(fs.readFileSync(FILE, 'utf8'));
  for (const [lesson, keys] of Object.entries(found))
    for (const [key, runs] of Object.entries(keys)) {
      const values = runs.map((r) => r.value);
      const value = (Math.max(...values) + Math.min(...values)) / 2;
      const [least, rule] = floor(key, value);
      const tolerance = Math.max(least, 2 * Math.max(...values.map((v) => Math.abs(v - value))));
      const set =
        runs.map((r) => `${r.run}: ${significant(r.value)}`).join('; ') +
        `. ${NOTE}Value: middle of the runs; tolerance: the larger of twice the largest distance of a run from it ` +
        `and the ${rule}.`;
      const backends = [...new Set(runs.map((r) => r.backend))].sort();
      ((doc.lessons[lesson] ??= {})[key] ??= {})[budget] = {
        value: significant(value),
        tolerance: significant(tolerance),
        backends,
        set,
      };
      console.log(
        `${lesson} ${key} (${budget}): ${significant(value)} ± ${significant(tolerance)} (${backends.join(', ')})`,
      );
    }
  fs.writeFileSync(FILE, JSON.stringify(doc, null, 2) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
