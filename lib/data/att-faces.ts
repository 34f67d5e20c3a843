import * as tf from '@tensorflow/tfjs';
import { CorruptDataError } from './data-errors';
import { findDataFile } from './fetching/data-dirs';
import { withDataset } from './fetching/first-use';
import { readPgmFile } from './formats/pgm';

/** The AT&T (ORL) faces: 40 subjects × 10 shots, subject-major (s1/1.pgm, s1/2.pgm, … s40/10.pgm). */
export interface AttFaces {
  /** [400, 112, 92, 1] float32 in [0, 1]. */
  images: tf.Tensor4D;
  /** Subject of each image, 0..39 (folder s1 → 0). */
  subjects: Int32Array;
  /** Shot of each image within its subject, 0..9 (file 1.pgm → 0). */
  shots: Int32Array;
  /** Folder names, subjectNames[k] = `s${k + 1}`. */
  subjectNames: string[];
}

const SUBJECTS = 40;
const SHOTS = 10;
const HEIGHT = 112;
const WIDTH = 92;

/** Load all 400 AT&T faces from the data directories (dataset "att-faces"), downloading them on first use. */
export async function loadAttFaces(): Promise<AttFaces> {
  return withDataset('att-faces', readAttFaces);
}

function readAttFaces(): AttFaces {
  const size = HEIGHT * WIDTH;
  const values = new Float32Array(SUBJECTS * SHOTS * size);
  const subjects = new Int32Array(SUBJECTS * SHOTS);
  const shots = new Int32Array(SUBJECTS * SHOTS);
  for (let s = 0; s < SUBJECTS; s++) {
    for (let k = 0; k < SHOTS; k++) {
      const file = findDataFile('att-faces', `s${s + 1}/${k + 1}.pgm`);
      const img = readPgmFile(file);
      if (img.width !== WIDTH || img.height !== HEIGHT)
        throw new CorruptDataError(file, `expected ${WIDTH}x${HEIGHT}, found ${img.width}x${img.height}`);
      const row = s * SHOTS + k;
      const dst = values.subarray(row * size, (row + 1) * size);
      for (let p = 0; p < size; p++) dst[p] = img.pixels[p] / img.maxval;
      subjects[row] = s;
      shots[row] = k;
    }
  }
  const subjectNames = Array.from({ length: SUBJECTS }, (_, s) => `s${s + 1}`);
  return {
    images: tf.tensor4d(values, [SUBJECTS * SHOTS, HEIGHT, WIDTH, 1], 'float32'),
    subjects,
    shots,
    subjectNames,
  };
}
