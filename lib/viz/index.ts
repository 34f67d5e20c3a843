export {};
export * from './class-scatter';
export * from './display';
export * from './chart';
export * from './image-grid';
export * from './table';
export * from './markdown';
export * from './results-table';
export * from './html-escape';
