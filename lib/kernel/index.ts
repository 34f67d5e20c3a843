// The Jupyter kernel client and notebook runner (used by the CLI and grading, never by notebooks).
export * from './wire';
export * from './connection';
export * from './kernelspec';
export * from './process';
export * from './outputs';
export * from './errors';
export * from './startup';
export * from './execute';
export * from './client';
export * from './notebook-file';
export * from './notebook-run';
