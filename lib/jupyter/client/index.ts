// The Jupyter kernel client: kernelspecs, the wire protocol, starting a kernel and executing code on it.
export * from './wire';
export * from './connection';
export * from './kernelspec';
export * from './process';
export * from './outputs';
export * from './errors';
export * from './startup';
export * from './execute';
export * from './client';
