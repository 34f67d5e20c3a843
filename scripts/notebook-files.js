// The notebooks named on a script's command line: each .ipynb as given, each folder as its .ipynb files in name order.
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

module.exports = { notebookFiles };
