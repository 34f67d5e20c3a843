export {};
export * from './triplet';
export * from './contrastive';
export * from './cosine-target';
