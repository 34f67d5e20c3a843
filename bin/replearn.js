#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library.
require('../dist/lib/cli/main.js')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`replearn: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
