export * from './image-set';
