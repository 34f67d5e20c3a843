import { CorruptDataError } from './data-errors';
import { findDataFile } from './fetching/data-dirs';
import { readIdxFile } from './formats/idx';
import type { ImageSet, ImageSetOptions } from './image-set';
import { buildImageSet } from './image-set-builder';
import { registryFile } from './registry';

/** Read one IDX file of a dataset from the data directories, held to the registry's checksums. */
export function readDatasetIdx(dataset: string, relPath: string) {
  const file = findDataFile(dataset, relPath);
  const expected = registryFile(dataset, relPath) ?? undefined;
  return { file, array: readIdxFile(file, expected) };
}

/** An ImageSet from an images IDX ([N, H, W] uint8) and a labels IDX ([N] uint8) of one dataset. */
export function loadIdxImageSet(
  dataset: string,
  imagesPath: string,
  labelsPath: string,
  classNames: string[],
  options: ImageSetOptions,
): ImageSet {
  const images = readDatasetIdx(dataset, imagesPath);
  const labels = readDatasetIdx(dataset, labelsPath);
  const [count, height, width] = images.array.shape;
  if (images.array.type !== 'uint8' || images.array.shape.length !== 3) {
    throw new CorruptDataError(
      images.file,
      `expected uint8 images [N, H, W], found ${images.array.type} [${images.array.shape.join(', ')}]`,
    );
  }
  if (labels.array.type !== 'uint8' || labels.array.shape.length !== 1 || labels.array.shape[0] !== count) {
    throw new CorruptDataError(
      labels.file,
      `expected ${count} uint8 labels to match ${images.file}, found ${labels.array.type} [${labels.array.shape.join(', ')}]`,
    );
  }
  const bad = (labels.array.data as Uint8Array).findIndex((l) => l >= classNames.length);
  if (bad >= 0)
    throw new CorruptDataError(
      labels.file,
      `label ${labels.array.data[bad]} at index ${bad} is outside 0..${classNames.length - 1}`,
    );
  return buildImageSet(
    {
      pixels: images.array.data as Uint8Array,
      count,
      height,
      width,
      scale: 1 / 255,
      labels: labels.array.data,
      classNames,
    },
    options,
  );
}
