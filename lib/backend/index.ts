export * from './select';
export * from './wasm-kernels';
export * from './cpu-kernels';
