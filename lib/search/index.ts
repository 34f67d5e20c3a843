export {};
export * from './knn';
