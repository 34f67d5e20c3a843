import * as fs from 'fs';
import * as path from 'path';

/** One layer of a benchmark model, as bench/workloads.json writes it. */
export type LayerSpec =
  | { dense: number; act: Activation }
  | { conv: number; kernel: number; act: Activation }
  | { pool: number }
  | { up: number };

/** Activations the workloads use (tfjs and PyTorch both have them). */
export type Activation = 'relu' | 'sigmoid' | 'linear';

/** A training workload: model, loss, batch size and epoch size, the same for every engine. */
export interface Workload {
  kind: 'autoencoder' | 'contrastive' | 'triplet';
  /** Shape of one example (channels last for images). */
  input: number[];
  layers: LayerSpec[];
  loss?: 'bce';
  margin?: number;
  batch: number;
  /** Examples per epoch: ms per epoch = ms per step × ceil(examples / batch). */
  examples: number;
}

/** The workload file shared with the Python twins. */
export const WORKLOADS_FILE = path.join(__dirname, '../../bench/workloads.json');

/** The workloads by name, in file order. */
export function loadWorkloads(file = WORKLOADS_FILE): Record<string, Workload> {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Workload | string>;
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, Workload] => typeof e[1] === 'object'));
}

/** Optimizer steps in one epoch of a workload. */
export function stepsPerEpoch(w: Workload): number {
  return Math.ceil(w.examples / w.batch);
}
