// The public surface of replearn: re-exports only. Notebooks import from here.
import * as tf from '@tensorflow/tfjs';
export { tf };
export * from './project';
export * from './backend';
export * from './data';
export * from './models';
export * from './losses';
export * from './metrics';
export * from './search';
export * from './text';
export * from './viz';
export * from './training';
export * from './lesson-budget';
export * as exercises from './exercises';
export * as jupyter from './jupyter/kernel/api';
