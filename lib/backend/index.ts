export * from './select';
export * from './wasm-kernels';
