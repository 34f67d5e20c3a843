// One cell of a markdown table row, for the scripts that print tables for environment.md.
'use strict';

/** `text` as one markdown table cell: pipes and newlines would break the row. */
const markdownCell = (text) =>
  String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');

module.exports = { markdownCell };
