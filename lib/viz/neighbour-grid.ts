import * as tf from '@tensorflow/tfjs';
import { showImages } from './image-grid';

/** Options of {@link showNeighbours}. */
export interface NeighbourGridOptions {
  title?: string;
  /** Queries shown, one per row (default 5). */
  rows?: number;
  /** Neighbours shown after each query (default 8). */
  neighbours?: number;
  /** Caption of each image, by its index in the collection (e.g. its class name). */
  caption?: (index: number) => string;
  /** Height and width of one image when the collection holds flat rows (default: square, √ of the row length). */
  imageSize?: [number, number];
}

/** Collection indices in grid order: each of the first `rows` queries, then its first `neighbours` neighbours. */
export function neighbourOrder(
  queries: ArrayLike<number>,
  lists: { indices: ArrayLike<number>[] },
  rows: number,
  neighbours: number,
): number[] {
  const shown = Math.min(rows, queries.length, lists.indices.length);
  return Array.from({ length: shown }, (_, r) => [
    queries[r],
    ...Array.from(lists.indices[r]).slice(0, neighbours),
  ]).flat();
}

/**
 * Show retrieval results as an image grid: one row per query, the query image first, then its nearest
 * neighbours in order, each captioned. `images` is the collection, [N, H, W(, C)] or flat [N, H·W] grey rows.
 */
export function showNeighbours(
  images: tf.Tensor,
  queries: ArrayLike<number>,
  lists: { indices: ArrayLike<number>[] },
  options: NeighbourGridOptions = {},
): void {
  const neighbours = options.neighbours ?? 8;
  const order = neighbourOrder(queries, lists, options.rows ?? 5, neighbours);
  const side = Math.round(Math.sqrt(images.shape[1] ?? 0));
  const [height, width] = options.imageSize ?? [side, side];
  tf.tidy(() => {
    const picked = tf.gather(images, order);
    const grid = images.rank === 2 ? picked.reshape([-1, height, width, 1]) : picked;
    showImages(grid, {
      cols: neighbours + 1,
      title: options.title,
      ...(options.caption ? { labels: order.map(options.caption) } : {}),
    });
  });
}
