// Exercises and autograding: assign (student + autograder notebooks), grade (safe, parallel), and the
// gradebook and feedback they write. Used by the CLI and tests, never by notebooks.
export * from './markers';
export * from './assign-transform';
export * from './test-rewrite';
export * from './channel';
export * from './sandbox';
export * from './os-sandbox';
export * from './submission-file';
export * from './session';
export * from './plan';
export * from './verdict';
export * from './reference';
export * from './gradebook';
export * from './feedback';
export * from './summary';
export * from './assign';
export * from './grade';
export * from './shard';
export * from './merge';
export * from './gradescope';
export * from './gradescope-zip';
