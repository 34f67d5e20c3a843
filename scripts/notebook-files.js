// The notebooks named on a script's command line: each .ipynb as given, each folder as its .ipynb files in name order;
// runs named with how they were made; how long a run took.
'use strict';
const fs = require('fs');
const path = require('path');

/** The .ipynb files `inputs` (notebooks or folders) name, folders expanded in name order. */
function notebookFiles(inputs) {
  return inputs.flatMap((input) =>
    fs.statSync(input).isDirectory()
      ? fs
          .readdirSync(input)
          .filter((n) => n.endsWith('.ipynb'))
          .sort()
          .map((n) => path.join(input, n))
      : [input],
  );
}

/** "<how the run was made>=<folder or notebook>" split at its last "=" (labels may hold "="; paths rarely do). */
function labelledInput(arg) {
  const at = arg.lastIndexOf('=');
  return { label: arg.slice(0, at), input: arg.slice(at + 1) };
}

/** How long an executed notebook's `npx replearn run` took, as "N.N min" ("?" where the run recorded none). */
function runMinutes(notebook) {
  const seconds = notebook.metadata?.replearn_run?.seconds;
  return seconds === undefined ? '?' : `${(seconds / 60).toFixed(1)} min`;
}

module.exports = { notebookFiles, labelledInput, runMinutes };
