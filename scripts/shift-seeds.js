#!/usr/bin/env node
// Copies lessons with every seed literal in their code cells raised by an offset, for measuring how a lesson's numbers
// move with its seeds (the bands of notebooks/expected-results.json, "seeds +10"):
//   node scripts/shift-seeds.js 10 artifacts/seeds10 notebooks/01-transfer-learning.ipynb ...
// Raised: `seed: N`, `seed = N`, makeNet(k, N) and makeEncoder(N). The copies keep their file names (the lesson's name
// is the file's); run them with `npx replearn run artifacts/seeds10 --out DIR`.
'use strict';
const fs = require('fs');
const path = require('path');

const PATTERNS = [/(\bseed\s*[:=]\s*)(\d+)()/g, /(makeNet\(\w+,\s*)(\d+)(\))/g, /(makeEncoder\()(\d+)(\))/g];

function main([offsetText, outDir, ...files]) {
  const offset = Number(offsetText);
  if (!Number.isInteger(offset) || outDir === undefined || files.length === 0) {
    console.error('usage: node scripts/shift-seeds.js <offset> <out folder> <lesson.ipynb>...');
    return 2;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of files) {
    if (!fs.existsSync(file)) {
      console.error(`shift-seeds: no such notebook: ${file}`);
      return 1;
    }
    const notebook = JSON.parse(fs.readFileSync(file, 'utf8'));
    let raised = 0;
    for (const cell of notebook.cells) {
      if (cell.cell_type !== 'code') continue;
      let source = [cell.source].flat().join('');
      for (const pattern of PATTERNS)
        source = source.replace(pattern, (_, before, n, after) => {
          raised++;
          return `${before}${Number(n) + offset}${after}`;
        });
      cell.source = source.split(/(?<=\n)/);
    }
    fs.writeFileSync(path.join(outDir, path.basename(file)), JSON.stringify(notebook, null, 1) + '\n');
    console.log(`${path.basename(file)}: ${raised} seeds raised by ${offset}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
