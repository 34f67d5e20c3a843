import type * as tf from '@tensorflow/tfjs';
import { packCodes, type PackedCodes } from './hamming';

/** A model that maps images to a [N, bits] tensor of 0/1 values (a binary-code encoder). */
export interface BitEncoder {
  predict(x: tf.Tensor, args?: { batchSize?: number }): tf.Tensor | tf.Tensor[];
}

/** The packed binary codes `encoder` gives each of `images` (predicted in batches; the bit tensor is freed). */
export function encodePacked(encoder: BitEncoder, images: tf.Tensor, batchSize = 4096): PackedCodes {
  const bits = encoder.predict(images, { batchSize });
  if (Array.isArray(bits)) throw new Error('encodePacked: the encoder has several outputs; expected one bit tensor');
  try {
    if (bits.rank !== 2) throw new Error(`encodePacked: expected [N, bits] codes, got [${bits.shape.join(', ')}]`);
    return packCodes(bits as tf.Tensor2D);
  } finally {
    bits.dispose();
  }
}
