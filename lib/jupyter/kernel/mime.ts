// A cell's last value as a MIME bundle: the display hook, tensors, nodejs-polars DataFrames, else text.
import { PNG } from 'pngjs';
import * as util from 'util';
import { escapeHtml } from '../../viz/html-escape';
import { tableHtml } from '../../viz/table';
import { JUPYTER_DISPLAY } from './api';

/** MIME type → data (binary images base64-encoded). */
export type MimeBundle = Record<string, unknown>;

/** The parts of a tfjs Tensor the kernel reads (no tfjs import: the cell's own tfjs made it). */
interface TensorLike {
  shape: number[];
  dtype: string;
  isDisposed: boolean;
  dataSync(): ArrayLike<number> | string[];
  toString(verbose?: boolean): string;
}

/** The parts of a nodejs-polars DataFrame the kernel reads. */
interface DataFrameLike {
  columns: string[];
  height: number;
  width: number;
  head(n: number): { toString(): string };
  toRecords(): unknown;
}

const MAX_TABLE_ROWS = 20;
const MAX_PNG_PIXELS = 4096 * 4096;

/** The bundle for `value`: its own display hook when it has one, else the kernel's renderers. */
export async function mimeBundle(value: unknown): Promise<MimeBundle> {
  const hook = displayHook(value);
  if (hook) {
    const data = await hook();
    if (data && typeof data === 'object') return { ...(data as MimeBundle) };
  }
  if (isTensor(value)) return tensorBundle(value);
  if (isDataFrame(value)) return dataFrameBundle(value);
  return { 'text/plain': plainText(value) };
}

function displayHook(value: unknown): (() => unknown) | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  const hook = (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY];
  return typeof hook === 'function' ? () => (hook as () => unknown).call(value) : undefined;
}

/** Text as Node's REPL shows a value (strings quoted, objects inspected a few levels deep). */
export function plainText(value: unknown): string {
  return util.inspect(value, { depth: 4, breakLength: 100, maxArrayLength: 100, maxStringLength: 10_000 });
}

function isTensor(v: unknown): v is TensorLike {
  const t = v as Partial<TensorLike> | null;
  return (
    typeof v === 'object' &&
    t !== null &&
    Array.isArray(t.shape) &&
    typeof t.dtype === 'string' &&
    typeof t.dataSync === 'function' &&
    typeof t.isDisposed === 'boolean'
  );
}

function isDataFrame(v: unknown): v is DataFrameLike {
  const d = v as Partial<DataFrameLike> | null;
  return (
    typeof v === 'object' &&
    d !== null &&
    Array.isArray(d.columns) &&
    typeof d.height === 'number' &&
    typeof d.width === 'number' &&
    typeof d.head === 'function' &&
    typeof d.toRecords === 'function'
  );
}

/** Shape, dtype and values (tfjs summarises large tensors as tensor.print() does), plus PNG for image shapes. */
function tensorBundle(t: TensorLike): MimeBundle {
  if (t.isDisposed) return { 'text/plain': `Tensor (disposed) shape [${t.shape.join(', ')}] ${t.dtype}` };
  // tfjs's verbose text: "Tensor", then dtype/rank/shape lines, then "values:" and the values indented by 4.
  const text = t.toString(true).split('\n');
  const at = text.findIndex((l) => /^\s*values:/.test(l));
  const body = text
    .slice(at + 1)
    .map((l) => l.replace(/^ {4}/, ''))
    .join('\n')
    .trimEnd();
  const header = `Tensor shape [${t.shape.join(', ')}] ${t.dtype}`;
  const bundle: MimeBundle = {
    'text/plain': `${header}\n${body}`,
    'text/html': `<div><small>${escapeHtml(header)}</small><pre>${escapeHtml(body)}</pre></div>`,
  };
  const png = imagePng(t);
  if (png) bundle['image/png'] = png;
  return bundle;
}

/** A PNG of a [H, W], [H, W, 1|3|4] tensor of values in [0, 1] (floats) or [0, 255] (ints); else undefined. */
function imagePng(t: TensorLike): string | undefined {
  const [h, w, c = 1] = t.shape;
  const imageShaped = (t.shape.length === 2 || (t.shape.length === 3 && [1, 3, 4].includes(c))) && h >= 4 && w >= 4;
  if (!imageShaped || h * w > MAX_PNG_PIXELS || t.dtype === 'string' || t.dtype === 'complex64') return undefined;
  const values = t.dataSync() as ArrayLike<number>;
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    max = Math.max(max, values[i]);
    min = Math.min(min, values[i]);
  }
  if (!(min >= 0)) return undefined;
  const scale = t.dtype === 'float32' && max <= 1 ? 255 : max <= 255 ? 1 : undefined;
  if (scale === undefined) return undefined;
  const png = new PNG({ width: w, height: h });
  for (let p = 0; p < h * w; p++) {
    const px = (i: number): number => Math.round(values[p * c + i] * scale);
    const [r, g, b] = c >= 3 ? [px(0), px(1), px(2)] : [px(0), px(0), px(0)];
    png.data.set([r, g, b, c === 4 ? px(3) : 255], p * 4);
  }
  return PNG.sync.write(png).toString('base64');
}

function dataFrameBundle(df: DataFrameLike): MimeBundle {
  const more = df.height > MAX_TABLE_ROWS ? `\n… ${df.height - MAX_TABLE_ROWS} more rows` : '';
  return {
    'text/plain': df.head(MAX_TABLE_ROWS).toString() + more,
    'text/html': tableHtml(df as unknown as Parameters<typeof tableHtml>[0], { maxRows: MAX_TABLE_ROWS }),
  };
}
