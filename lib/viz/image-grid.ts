import type * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { displayBundle } from './display';
import { escapeHtml } from './html-escape';

/** Options of {@link showImages} and {@link imageGridPng}. */
export interface ImageGridOptions {
  /** Images per row (default: up to 10). */
  cols?: number;
  /** One caption per image, shown under it. */
  labels?: string[];
  /** Integer pixel magnification (default 2 for images up to 32 px high, else 1). */
  scale?: number;
  title?: string;
}

/** A PNG of images laid out in a grid. */
export interface ImageGrid {
  png: Buffer;
  width: number;
  height: number;
  cols: number;
  rows: number;
}

const GAP = 2;
/** A grid larger than this is a mistake (a whole dataset), not a figure. */
const MAX_IMAGES = 1000;

/** Pixel data of N images as [N, H, W, C] values in [0, 1], read once from the tensor (no tensors created). */
function readImages(images: tf.Tensor): { values: Float32Array; n: number; h: number; w: number; c: number } {
  const shape = images.shape;
  if (shape.length !== 3 && shape.length !== 4)
    throw new Error(`showImages: expected (N, H, W) or (N, H, W, C), got [${shape.join(', ')}]`);
  const [n, h, w, c = 1] = shape;
  if (n > MAX_IMAGES)
    throw new Error(`showImages: ${n} images is too many for one grid (at most ${MAX_IMAGES}); slice the tensor first`);
  if (c !== 1 && c !== 3 && c !== 4) throw new Error(`showImages: ${c} channels; expected 1, 3 or 4`);
  return { values: Float32Array.from(images.dataSync()), n, h, w, c };
}

/** Draw image `i` into `out` (RGBA, `stride` pixels wide) at (x0, y0), magnified `scale` times. */
function drawTile(
  src: ReturnType<typeof readImages>,
  i: number,
  out: Buffer,
  stride: number,
  x0: number,
  y0: number,
  scale: number,
): void {
  const { values, h, w, c } = src;
  const byte = (v: number): number => Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * 255);
  for (let y = 0; y < h * scale; y++) {
    for (let x = 0; x < w * scale; x++) {
      const p = ((i * h + Math.floor(y / scale)) * w + Math.floor(x / scale)) * c;
      const o = ((y0 + y) * stride + x0 + x) * 4;
      const r = byte(values[p]);
      out[o] = r;
      out[o + 1] = c >= 3 ? byte(values[p + 1]) : r;
      out[o + 2] = c >= 3 ? byte(values[p + 2]) : r;
      out[o + 3] = c === 4 ? byte(values[p + 3]) : 255;
    }
  }
}

function encode(width: number, height: number, rgba: Buffer, gray: boolean): Buffer {
  const png = new PNG({ width, height });
  png.data = rgba;
  return PNG.sync.write(png, { colorType: gray ? 0 : 6 });
}

/** Lay images (N, H, W[, C]) in [0, 1] out on a white grid and encode it as PNG. */
export function imageGridPng(images: tf.Tensor, options: ImageGridOptions = {}): ImageGrid {
  const src = readImages(images);
  const scale = Math.max(1, Math.round(options.scale ?? (src.h <= 32 ? 2 : 1)));
  const cols = Math.max(1, Math.min(options.cols ?? 10, src.n));
  const rows = Math.max(1, Math.ceil(src.n / cols));
  const width = cols * src.w * scale + (cols - 1) * GAP;
  const height = rows * src.h * scale + (rows - 1) * GAP;
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < src.n; i++) {
    drawTile(
      src,
      i,
      rgba,
      width,
      (i % cols) * (src.w * scale + GAP),
      Math.floor(i / cols) * (src.h * scale + GAP),
      scale,
    );
  }
  return { png: encode(width, height, rgba, src.c === 1), width, height, cols, rows };
}

/** Each image as its own PNG (for captioned HTML grids). */
function tilePngs(images: tf.Tensor, scale: number): string[] {
  const src = readImages(images);
  return Array.from({ length: src.n }, (_, i) => {
    const rgba = Buffer.alloc(src.w * scale * src.h * scale * 4);
    drawTile(src, i, rgba, src.w * scale, 0, 0, scale);
    return encode(src.w * scale, src.h * scale, rgba, src.c === 1).toString('base64');
  });
}

/** HTML of the grid with a caption under each image and the title above. */
function captionedHtml(images: tf.Tensor, grid: ImageGrid, options: ImageGridOptions, scale: number): string {
  const tiles = tilePngs(images, scale);
  const cells = tiles.map((b64, i) => {
    const caption = options.labels?.[i] ?? '';
    return (
      `<figure style="display:inline-block;margin:1px;text-align:center"><img src="data:image/png;base64,${b64}" style="image-rendering:pixelated" alt="${escapeHtml(caption)}"/>` +
      `<figcaption style="font:11px monospace">${escapeHtml(caption)}</figcaption></figure>`
    );
  });
  const rows = Array.from(
    { length: grid.rows },
    (_, r) => `<div style="white-space:nowrap">${cells.slice(r * grid.cols, (r + 1) * grid.cols).join('')}</div>`,
  );
  const title = options.title
    ? `<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(options.title)}</div>`
    : '';
  return `<div>${title}${rows.join('')}</div>`;
}

/**
 * Show images (N, H, W[, C]) in [0, 1] as one output: an image/png grid, plus text/html with a caption under
 * each image when `labels` or `title` are given, plus a text/plain summary (labels row by row).
 */
export function showImages(images: tf.Tensor, options: ImageGridOptions = {}): void {
  const grid = imageGridPng(images, options);
  const [n, h, w] = images.shape;
  const labelRows = options.labels
    ? Array.from({ length: grid.rows }, (_, r) => options.labels?.slice(r * grid.cols, (r + 1) * grid.cols).join(' | '))
    : [];
  const text = [
    `${options.title ? `${options.title}: ` : ''}${n} images ${h}x${w} in a ${grid.rows}x${grid.cols} grid`,
    ...labelRows,
  ].join('\n');
  const data: Record<string, unknown> = { 'image/png': grid.png.toString('base64'), 'text/plain': text };
  if (options.labels || options.title)
    data['text/html'] = captionedHtml(
      images,
      grid,
      options,
      Math.max(1, Math.round(options.scale ?? (h <= 32 ? 2 : 1))),
    );
  displayBundle(data, { metadata: { 'image/png': { width: grid.width, height: grid.height } } });
}
