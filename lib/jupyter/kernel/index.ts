// The replearn Jupyter kernel (started by the kernelspec) and the API cells and library code use with it.
export * from './api';
