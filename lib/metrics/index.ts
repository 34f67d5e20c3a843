export {};
export * from './retrieval';
export * from './roc';
export * from './identification';
export * from './signature-verification';
export * from './reconstruction';
export * from './subspace';
export * from './precision-recall';
export * from './score-histogram';
