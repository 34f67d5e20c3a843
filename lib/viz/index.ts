export {};
export * from './class-scatter';
