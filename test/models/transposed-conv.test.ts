import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import {
  insertZeros,
  flipKernel,
  transposedConv,
  transposedConvAsConv,
  transposedOutputSize,
  TransposedPadding,
} from '../../lib/models/transposed-conv';

// The definition, by scattering: each input pixel adds value × kernel into the output window it maps to.
function scatterReference(
  x: number[][][][],
  k: number[][][][],
  stride: number,
  padding: TransposedPadding,
): number[][][][] {
  const n = x.length,
    h = x[0].length,
    w = x[0][0].length,
    cin = x[0][0][0].length;
  const kh = k.length,
    kw = k[0].length,
    cout = k[0][0].length;
  const fullH = (h - 1) * stride + kh,
    fullW = (w - 1) * stride + kw;
  const full = Array.from({ length: n }, () =>
    Array.from({ length: fullH }, () => Array.from({ length: fullW }, () => new Array<number>(cout).fill(0))),
  );
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let c = 0; c < cin; c++)
          for (let a = 0; a < kh; a++)
            for (let d = 0; d < kw; d++)
              for (let o = 0; o < cout; o++)
                full[b][i * stride + a][j * stride + d][o] += x[b][i][j][c] * k[a][d][o][c];
  const outH = transposedOutputSize(h, kh, stride, padding),
    outW = transposedOutputSize(w, kw, stride, padding);
  const top = padding === 'same' ? Math.floor(Math.max(kh - stride, 0) / 2) : 0;
  const left = padding === 'same' ? Math.floor(Math.max(kw - stride, 0) / 2) : 0;
  const at = (row: number[][][], r: number, c: number, o: number) => (r < fullH && c < fullW ? row[r][c][o] : 0);
  return full.map((img) =>
    Array.from({ length: outH }, (_, r) =>
      Array.from({ length: outW }, (_, c) => Array.from({ length: cout }, (_, o) => at(img, r + top, c + left, o))),
    ),
  );
}

function maxAbsDiff(a: tf.Tensor, b: number[][][][] | tf.Tensor): number {
  return tf.tidy(
    () =>
      tf
        .sub(a, b instanceof tf.Tensor ? b : tf.tensor(b))
        .abs()
        .max()
        .dataSync()[0],
  );
}

describe('models/transposed-conv: deconvolution is convolution', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  it('insertZeros spreads pixels stride apart with zeros between', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const z = insertZeros(x, 2);
    assert.deepStrictEqual(z.shape, [1, 3, 3, 1]);
    assert.deepStrictEqual(Array.from(z.dataSync()), [1, 0, 2, 0, 0, 0, 3, 0, 4]);
    tf.dispose([x, z]);
  });

  it('flipKernel rotates 180° and swaps in/out channels', () => {
    const k = tf.range(0, 2 * 2 * 3 * 1).reshape<tf.Tensor4D>([2, 2, 3, 1]);
    const f = flipKernel(k);
    assert.deepStrictEqual(f.shape, [2, 2, 1, 3]);
    const kk = k.arraySync(),
      ff = f.arraySync();
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++)
        for (let o = 0; o < 3; o++) assert.strictEqual(ff[a][b][0][o], kk[1 - a][1 - b][o][0]);
    tf.dispose([k, f]);
  });

  for (const stride of [1, 2])
    for (const padding of ['valid', 'same'] as const)
      for (const ksize of [3, 4]) {
        it(`stride ${stride}, ${padding}, ${ksize}×${ksize} kernel: conv over zero-inserted input = conv2dTranspose = scatter definition`, () => {
          const x = tf.randomNormal<tf.Rank.R4>([2, 5, 4, 3], 0, 1, 'float32', 1);
          const k = tf.randomNormal<tf.Rank.R4>([ksize, ksize, 2, 3], 0, 1, 'float32', 2);
          const viaConv = transposedConvAsConv(x, k, stride, padding);
          const viaTfjs = transposedConv(x, k, stride, padding);
          const ref = scatterReference(x.arraySync(), k.arraySync(), stride, padding);
          assert.deepStrictEqual(viaConv.shape, [
            2,
            transposedOutputSize(5, ksize, stride, padding),
            transposedOutputSize(4, ksize, stride, padding),
            2,
          ]);
          assert.ok(maxAbsDiff(viaConv, ref) < 1e-4, `conv form vs definition: ${maxAbsDiff(viaConv, ref)}`);
          assert.ok(maxAbsDiff(viaTfjs, ref) < 1e-4, `tf.conv2dTranspose vs definition: ${maxAbsDiff(viaTfjs, ref)}`);
          tf.dispose([x, k, viaConv, viaTfjs]);
        });
      }

  it('a wrong flip is caught: the unflipped kernel gives a different answer', () => {
    const x = tf.randomNormal<tf.Rank.R4>([1, 4, 4, 2], 0, 1, 'float32', 3);
    const k = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 2], 0, 1, 'float32', 4);
    const good = transposedConv(x, k, 2, 'valid');
    const unflipped = tf.tidy(() =>
      tf.conv2d(
        tf.pad(insertZeros(x, 2), [
          [0, 0],
          [2, 2],
          [2, 2],
          [0, 0],
        ]),
        k.transpose<tf.Tensor4D>([0, 1, 3, 2]),
        1,
        'valid',
      ),
    );
    assert.ok(maxAbsDiff(good, unflipped) > 0.1);
    tf.dispose([x, k, good, unflipped]);
  });

  it('keeps the tensor count flat', () => {
    const x = tf.randomNormal<tf.Rank.R4>([1, 6, 6, 2], 0, 1, 'float32', 5);
    const k = tf.randomNormal<tf.Rank.R4>([3, 3, 4, 2], 0, 1, 'float32', 6);
    tf.dispose(transposedConvAsConv(x, k, 2, 'same'));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++)
      tf.dispose([transposedConvAsConv(x, k, 2, 'same'), transposedConvAsConv(x, k, 1, 'valid'), insertZeros(x, 2)]);
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([x, k]);
  });
});
