export { loadGraphAddon, type GraphAddon } from './addon';
export { fitGraph, graphUnavailable, type FitGraphOptions } from './fit';
export { createGraphTrainer, type GraphTrainer, type GraphOptimizerSpec } from './trainer';
export type { GraphLoss } from './losses';
