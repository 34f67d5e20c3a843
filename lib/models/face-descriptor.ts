import * as path from 'path';
import * as tf from '@tensorflow/tfjs';

/** face-api's FaceMatcher default: two descriptors closer than this (Euclidean) are the same person. */
export const FACE_API_DISTANCE_THRESHOLD = 0.6;

/** Side of the square input of face-api's recognition network (a ResNet-34-like net, dlib's face descriptor). */
export const FACE_DESCRIPTOR_INPUT_SIZE = 150;

/** The part of face-api's FaceRecognitionNet that replearn calls. */
interface RecognitionNet {
  loadFromDisk(folder: string): Promise<void>;
  forwardInput(input: unknown): tf.Tensor2D;
}

/** The part of the face-api module that replearn calls (its bundled typings name a different tf). */
interface FaceApiModule {
  FaceRecognitionNet: new () => RecognitionNet;
  NetInput: new (inputs: tf.Tensor3D[], treatAsBatchInput?: boolean) => unknown;
}

let loaded: Promise<RecognitionNet> | null = null;

/** Folder of face-api's shipped weights (model/ inside the npm package). */
export function faceApiModelDir(): string {
  return path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

function faceApi(): FaceApiModule {
  // The node-wasm build requires the same @tensorflow/tfjs as replearn, so its tensors are ours; no tfjs-node needed.

  return require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiModule;
}

/** Load face-api's pretrained 128-d face-recognition network only (no detector, no landmarks); cached. */
export function loadFaceDescriptorNet(): Promise<RecognitionNet> {
  if (!loaded) {
    loaded = (async () => {
      const net = new (faceApi().FaceRecognitionNet)();
      await net.loadFromDisk(faceApiModelDir());
      return net;
    })();
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}

/** How a non-square face crop becomes the square network input. */
export type SquareFit = 'center-crop' | 'pad';

/** Options of {@link faceDescriptors}. */
export interface FaceDescriptorOptions {
  /** 'pad' (default) adds black bars, as face-api does itself; 'center-crop' keeps the central square. */
  fit?: SquareFit;
  batchSize?: number;
}

/** Bring faces [N, H, W, 1|3] in [0, 1] to the network's input: square, 150×150, 3 channels, 0..255. */
export function toDescriptorInput(images: tf.Tensor4D, fit: SquareFit = 'pad'): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w, c] = images.shape;
    const side = Math.min(h, w);
    let square: tf.Tensor4D;
    if (fit === 'center-crop') {
      square = tf.slice(images, [0, Math.floor((h - side) / 2), Math.floor((w - side) / 2), 0], [-1, side, side, -1]);
    } else {
      const big = Math.max(h, w);
      const top = Math.floor((big - h) / 2);
      const left = Math.floor((big - w) / 2);
      square = tf.pad(images, [
        [0, 0],
        [top, big - h - top],
        [left, big - w - left],
        [0, 0],
      ]);
    }
    const sized = tf.image.resizeBilinear(square, [FACE_DESCRIPTOR_INPUT_SIZE, FACE_DESCRIPTOR_INPUT_SIZE]);
    const rgb = c === 1 ? tf.tile(sized, [1, 1, 1, 3]) : sized;
    return tf.mul<tf.Tensor4D>(rgb, 255);
  });
}

/** 128-d face descriptors [N, 128] of cropped faces [N, H, W, 1|3] in [0, 1], from face-api's pretrained network. */
export async function faceDescriptors(images: tf.Tensor4D, options: FaceDescriptorOptions = {}): Promise<tf.Tensor2D> {
  const { fit = 'pad', batchSize = 16 } = options;
  const net = await loadFaceDescriptorNet();
  const { NetInput } = faceApi();
  const parts: tf.Tensor2D[] = [];
  for (let start = 0; start < images.shape[0]; start += batchSize) {
    const size = Math.min(batchSize, images.shape[0] - start);
    const batch = tf.tidy(() => toDescriptorInput(tf.slice(images, start, size), fit));
    const frames = tf.unstack(batch) as tf.Tensor3D[];
    parts.push(net.forwardInput(new NetInput(frames, true)));
    tf.dispose([batch, ...frames]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const all = tf.concat<tf.Tensor2D>(parts);
  tf.dispose(parts);
  return all;
}
