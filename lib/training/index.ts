export {};
export * from './progress-sink';
export * from './fit-classifier';
export * from './fit-pairs';
export * from './fit-triplets';
export * from './autoencoder-fit';
