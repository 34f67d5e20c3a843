import * as tf from '@tensorflow/tfjs';
import { loadGraphAddon } from '../../lib/graph/addon';
import { nativeFailure } from '../support/native';

/** Glorot-uniform weights from a fixed seed, so eager and graph runs start alike. */
export const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

/** Call inside a describe: skips the suite (saying why) without tfjs-node or the graph addon, else selects tensorflow. */
export function onGraphBackend(): void {
  const why = nativeFailure() ?? (loadGraphAddon().reason || null);
  before(async function () {
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    await tf.setBackend('tensorflow');
  });
}

/** Runs `body` with REPLEARN_GRAPH set to `value` (unset when undefined), restoring it after. */
export async function withGraph<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.REPLEARN_GRAPH;
  if (value === undefined) delete process.env.REPLEARN_GRAPH;
  else process.env.REPLEARN_GRAPH = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.REPLEARN_GRAPH;
    else process.env.REPLEARN_GRAPH = saved;
  }
}

/** Console lines printed while `body` runs. */
export async function printed<T>(body: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(' '));
  try {
    return { value: await body(), lines };
  } finally {
    console.log = log;
  }
}

/** Largest relative gap between two loss curves. */
export const maxGap = (a: number[], b: number[]): number =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(1e-3, Math.abs(b[i]))));

/** Largest absolute gap between two models' weights. */
export function weightGap(a: tf.LayersModel, b: tf.LayersModel): number {
  return Math.max(
    ...a.getWeights().map((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w, b.getWeights()[i]))).dataSync()[0])),
  );
}
