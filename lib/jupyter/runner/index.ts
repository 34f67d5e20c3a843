// The notebook runner (used by the CLI and grading, never by notebooks), with the client it runs through.
export * from '../client';
export * from './notebook-file';
export * from './notebook-run';
