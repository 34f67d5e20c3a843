#!/usr/bin/env node
// Prints the "published vs ours" rows of executed lessons as one markdown table (for environment.md's full runs):
//   node scripts/results-table.js artifacts/full [more folders or .ipynb files]
// Reads the rows showResults emits (application/vnd.replearn.results+json) and the run's budget and length that
// `npx replearn run` records in the notebook's metadata. Needs the built library (npm run build).
'use strict';
const fs = require('fs');
const path = require('path');

const { resultsInNotebook } = require(path.join(__dirname, '..', 'dist', 'lib', 'viz', 'results-table.js'));
const { notebookFiles, runMinutes } = require('./notebook-files');
const { markdownCell: cell } = require('./markdown-cell');

function main(inputs) {
  if (inputs.length === 0) {
    console.error('usage: node scripts/results-table.js <executed notebook or folder>...');
    return 2;
  }
  const missing = inputs.find((input) => !fs.existsSync(input));
  if (missing) {
    console.error(`results-table: no such notebook or folder: ${missing}`);
    return 1;
  }
  console.log('| lesson | budget, backend | run time | result | ours | published | our set-up |');
  console.log('|---|---|---|---|---|---|---|');
  for (const file of notebookFiles(inputs)) {
    const notebook = JSON.parse(fs.readFileSync(file, 'utf8'));
    const lesson = path.basename(file, '.ipynb');
    const time = runMinutes(notebook);
    for (const table of resultsInNotebook(notebook))
      for (const row of table.rows) {
        if (row.key === undefined) continue;
        const where = `${table.budget}, ${table.backend === 'tensorflow' ? 'tfjs-node' : table.backend}`;
        console.log(
          `| ${[lesson, where, time, row.result, row.oursText, row.publishedText, row.setup].map(cell).join(' | ')} |`,
        );
      }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
