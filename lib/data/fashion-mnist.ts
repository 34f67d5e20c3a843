import type { ImageSet, ImageSetOptions } from './image-set';
import { withDataset } from './fetching/first-use';
import { loadIdxImageSet } from './idx-image-set';

/** Fashion-MNIST class names, label 0..9 (from the dataset's README). */
export const FASHION_MNIST_CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/**
 * Fashion-MNIST as [N, 28, 28, 1] float32 in [0, 1], labels 0..9 named by FASHION_MNIST_CLASS_NAMES:
 * split 'train' (default) 60,000, 'test' 10,000. Found in a data directory or /usr/share/datasets/fashion-mnist,
 * else downloaded into datasets/cache on first use.
 */
export async function loadFashionMnist(options: ImageSetOptions = {}): Promise<ImageSet> {
  const prefix = (options.split ?? 'train') === 'test' ? 't10k' : 'train';
  return withDataset('fashion-mnist', () =>
    loadIdxImageSet(
      'fashion-mnist',
      `${prefix}-images-idx3-ubyte.gz`,
      `${prefix}-labels-idx1-ubyte.gz`,
      FASHION_MNIST_CLASS_NAMES,
      options,
    ),
  );
}
