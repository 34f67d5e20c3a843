/** Register kernels that the wasm backend lacks but training needs (filled in by the backend work). */
export function registerWasmTrainingKernels(): void {
  // placeholder: Conv2DBackpropFilter is added here
}
