export {};
export * from './knn';
export * from './hamming';
export * from './semantic-hash';
export * from './exclude-query';
export * from './float-scan';
export * from './pairwise-distances';
