import * as tf from '@tensorflow/tfjs';
import type { ImageSet, ImageSetOptions } from './image-set';

/** Raw images of one split before selection: `pixels` holds N × height × width values, `scale` maps them to [0, 1]. */
export interface RawImages {
  pixels: Uint8Array | Float32Array;
  count: number;
  height: number;
  width: number;
  scale: number;
  labels: ArrayLike<number>;
  classNames: string[];
  /** Order to walk the examples in (default: file order). */
  order?: Int32Array;
}

/** Indices of the examples kept by `classes` and `limit`, in `order`. */
function selectIndices(raw: RawImages, options: ImageSetOptions): number[] {
  const classes = options.classes;
  if (classes) {
    const bad = classes.filter(
      (c, i) => !Number.isInteger(c) || c < 0 || c >= raw.classNames.length || classes.indexOf(c) !== i,
    );
    if (bad.length || classes.length === 0)
      throw new Error(`classes must be distinct integers 0..${raw.classNames.length - 1}, got [${classes.join(', ')}]`);
  }
  const limit = options.limit ?? Infinity;
  if (!(limit > 0)) throw new Error(`limit must be a positive number, got ${options.limit}`);
  const keep = classes ? new Set(classes) : null;
  const chosen: number[] = [];
  for (let k = 0; k < raw.count && chosen.length < limit; k++) {
    const i = raw.order ? raw.order[k] : k;
    if (!keep || keep.has(raw.labels[i])) chosen.push(i);
  }
  return chosen;
}

/** Build an ImageSet ([N, H, W, 1] float32 in [0, 1]) from raw pixels, applying the class filter and limit. */
export function buildImageSet(raw: RawImages, options: ImageSetOptions = {}): ImageSet {
  const chosen = selectIndices(raw, options);
  const size = raw.height * raw.width;
  const values = new Float32Array(chosen.length * size);
  const labels = new Int32Array(chosen.length);
  const remap = options.classes ? new Map(options.classes.map((c, k) => [c, k])) : null;
  chosen.forEach((i, row) => {
    const src = raw.pixels.subarray(i * size, (i + 1) * size);
    const dst = values.subarray(row * size, (row + 1) * size);
    for (let p = 0; p < size; p++) dst[p] = Math.min(1, Math.max(0, src[p] * raw.scale));
    labels[row] = remap ? remap.get(raw.labels[i])! : raw.labels[i];
  });
  const classNames = options.classes ? options.classes.map((c) => raw.classNames[c]) : raw.classNames.slice();
  return { images: tf.tensor4d(values, [chosen.length, raw.height, raw.width, 1], 'float32'), labels, classNames };
}
