import * as tf from '@tensorflow/tfjs';
import { showChart } from './chart';
import { displayBundle, newDisplayId, richDisplayAvailable, type MimeBundle } from './display';
import { escapeHtml } from './html-escape';
import { lossCurveSpec, thinPoints, type LossPoint } from './loss-curve';
import type { ProgressSink } from './progress-sink';

/** What a progress display shows at one moment. */
export interface ProgressState {
  label: string;
  /** Units done and the total (null when unknown). */
  done: number;
  total: number | null;
  /** Extra words before the metrics, e.g. "epoch 1/2 · batch 37/188". */
  stage?: string;
  metrics: Record<string, number>;
  elapsedMs: number;
  finished: boolean;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} min`;
}

/** The progress line as text: label, stage, metrics, elapsed and ETA (or total time once finished). */
export function progressLine(state: ProgressState): string {
  const fraction = state.total ? Math.min(1, state.done / state.total) : null;
  const parts = [state.label];
  if (fraction !== null) parts.push(`${(fraction * 100).toFixed(0)}%`);
  if (state.stage) parts.push(state.stage);
  for (const [k, v] of Object.entries(state.metrics)) parts.push(`${k} ${Number(v.toPrecision(4))}`);
  if (state.finished) parts.push(`done in ${seconds(state.elapsedMs)}`);
  else {
    parts.push(`${seconds(state.elapsedMs)} elapsed`);
    if (fraction !== null && state.done > 0)
      parts.push(`ETA ${seconds((state.elapsedMs / state.done) * ((state.total ?? 0) - state.done))}`);
  }
  return parts.join(' · ');
}

/** The progress display: an HTML bar with the line under it, and the line as text/plain. */
export function progressBundle(state: ProgressState): MimeBundle {
  const pct = state.total ? Math.min(100, (100 * state.done) / state.total) : state.finished ? 100 : 0;
  const bar = `<div style="width:320px;height:10px;background:#e5e5e5;border-radius:3px"><div style="width:${pct.toFixed(1)}%;height:100%;background:${state.finished ? '#54a24b' : '#4c78a8'};border-radius:3px"></div></div>`;
  const line = progressLine(state);
  return {
    'text/html': `<div style="font-family:monospace;font-size:12px">${bar}<div>${escapeHtml(line)}</div></div>`,
    'text/plain': line,
  };
}

/** A throttled, in-place display of a ProgressState: ≤ 4 updates a second in a notebook, one per 2 s as text. */
function progressView(label: string) {
  const id = newDisplayId();
  const started = Date.now();
  const interval = richDisplayAvailable() ? 250 : 2000;
  let shown = false;
  let lastDraw = 0;
  return (partial: Omit<ProgressState, 'label' | 'elapsedMs'>, force = false): void => {
    const now = Date.now();
    if (shown && !force && now - lastDraw < interval) return;
    displayBundle(progressBundle({ ...partial, label, elapsedMs: now - started }), { displayId: id, update: shown });
    shown = true;
    lastDraw = now;
  };
}

/** Options of {@link createProgress}. */
export interface CreateProgressOptions {
  total: number;
  label?: string;
}

/** A live progress bar for a custom loop: `update(done, metrics)` as work advances, `finish()` at the end. */
export function createProgress(options: CreateProgressOptions): ProgressSink {
  const draw = progressView(options.label ?? 'progress');
  let done = 0;
  let metrics: Record<string, number> = {};
  draw({ done, total: options.total, metrics, finished: false });
  return {
    update(value, m) {
      done = value;
      metrics = m ?? metrics;
      draw({ done, total: options.total, metrics, finished: false }, done >= options.total);
    },
    finish() {
      draw({ done, total: options.total, metrics, finished: true }, true);
    },
  };
}

/** Options of {@link trainingProgress}. */
export interface TrainingProgressOptions {
  epochs: number;
  title?: string;
  /** Show the loss curve when training ends (default true). */
  chart?: boolean;
}

/** Batches per epoch as model.fit / fitDataset announce them, or null when unknown. */
function stepsOf(params: tf.CustomCallback['params'] | undefined): number | null {
  const steps = Number(params?.steps);
  if (steps > 0) return steps;
  const samples = Number(params?.samples);
  const batch = Number(params?.batchSize);
  return samples > 0 && batch > 0 ? Math.ceil(samples / batch) : null;
}

/**
 * A model.fit callback showing one live output: a progress bar with epoch, batch, loss and ETA, updated in
 * place; when training ends, the loss curve as a chart. Pass it as `callbacks` (alone or among tf.Callbacks).
 */
export function trainingProgress(options: TrainingProgressOptions): tf.CustomCallback {
  const draw = progressView(options.title ?? 'training');
  const points: LossPoint[] = [];
  let steps: number | null = null;
  let epochs = options.epochs;
  let epoch = 0;
  let batches = 0;
  let metrics: Record<string, number> = {};
  const state = (finished: boolean) => {
    const total = steps ? epochs * steps : epochs;
    const done = steps ? epoch * steps + batches : epoch;
    const stage = `epoch ${epoch + 1}/${epochs} · batch ${batches}${steps ? `/${steps}` : ''}`;
    return { done: finished ? total : done, total, stage, metrics, finished };
  };
  const callback: tf.CustomCallback = new tf.CustomCallback({
    onTrainBegin: () => {
      steps = stepsOf(callback.params);
      epochs = Number(callback.params?.epochs) || options.epochs;
      draw(state(false), true);
    },
    onEpochBegin: (e) => {
      epoch = e;
      batches = 0;
    },
    onBatchEnd: (batch, logs) => {
      batches = batch + 1;
      if (logs && typeof logs.loss === 'number') {
        metrics = { ...metrics, loss: logs.loss };
        points.push({ epoch: epoch + (steps ? batches / steps : 1), value: logs.loss, series: 'batch loss' });
      }
      draw(state(false));
    },
    onEpochEnd: (e, logs) => {
      steps = steps ?? batches;
      batches = steps;
      for (const [key, value] of Object.entries(logs ?? {})) {
        if (typeof value !== 'number') continue;
        metrics = { ...metrics, [key]: value };
        if (key === 'loss' || key === 'val_loss')
          points.push({ epoch: e + 1, value, series: key === 'loss' ? 'epoch loss' : 'validation loss' });
      }
      draw(state(false), true);
    },
    onTrainEnd: async () => {
      draw(state(true), true);
      const batchPoints = thinPoints(points.filter((p) => p.series === 'batch loss'));
      if ((options.chart ?? true) && points.length)
        await showChart(
          lossCurveSpec(
            [...batchPoints, ...points.filter((p) => p.series !== 'batch loss')],
            `${options.title ?? 'training'}: loss`,
          ),
        );
    },
  });
  return callback;
}
