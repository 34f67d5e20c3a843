import { PNG } from 'pngjs';

/** How varied a PNG is: distinct RGB colours and the share of pixels in its most common colour. */
export interface PngContent {
  width: number;
  height: number;
  distinctColours: number;
  dominantShare: number;
}

/** Measures a PNG (a screenshot) so a test can reject a blank page: one colour, or nearly. */
export function pngContent(png: Buffer): PngContent {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const rgb = (image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2];
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  const pixels = image.width * image.height;
  return {
    width: image.width,
    height: image.height,
    distinctColours: counts.size,
    dominantShare: Math.max(...counts.values()) / pixels,
  };
}
