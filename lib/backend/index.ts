export * from './select';
export * from './wasm-kernels';
export * from './cpu-kernels';
export * from './fused-adam-kernel';
export * from './native-check';
export * from './native-install';
