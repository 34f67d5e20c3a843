export * from './select';
export * from './wasm-kernels';
export * from './cpu-kernels';
export * from './fused-adam-kernel';
