// Experiment: a time-delay network that compares a questioned signature with an enrolled one after DTW alignment
// (input per reference step: reference frame, matched questioned frame, their difference). Task 1, train 1–20,
// test 21–40 with 5 enrolled references. Env: EPOCHS, SEED, NORM=0|1.
import * as tf from '@tensorflow/tfjs';
import { loadSvc2004 } from '../../lib/data/svc2004';
import { channelStats, standardizeChannels } from '../../lib/data/pen-features';
import { signaturePairs } from '../../lib/data/signature-pairs';
import { enrolledScores, genuineAcceptanceAt } from '../../lib/metrics/signature-verification';
import { rocCurve, equalErrorRate } from '../../lib/metrics/roc';
import { initBackend } from '../../lib/backend/select';
import { shuffledIndices } from '../../lib/data/seeded-random';

const EPOCHS = Number(process.env.EPOCHS ?? 3);
const SEED = Number(process.env.SEED ?? 1);
const S = 200;
const C = 8;

/** q's frames matched to each step of r along the DTW path (band 0.1), averaged: [S × C]. */
function align(r: Float32Array, q: Float32Array): Float32Array {
  const w = Math.ceil(0.1 * S);
  const D = new Float64Array(S * S).fill(Infinity);
  for (let i = 0; i < S; i++)
    for (let j = Math.max(0, i - w); j <= Math.min(S - 1, i + w); j++) {
      let d = 0;
      for (let c = 0; c < C; c++) d += (r[i * C + c] - q[j * C + c]) ** 2;
      d = Math.sqrt(d);
      const best =
        i === 0 && j === 0
          ? 0
          : Math.min(
              i > 0 ? D[(i - 1) * S + j] : Infinity,
              j > 0 ? D[i * S + j - 1] : Infinity,
              i > 0 && j > 0 ? D[(i - 1) * S + j - 1] : Infinity,
            );
      D[i * S + j] = d + best;
    }
  const out = new Float32Array(S * C);
  const count = new Float32Array(S);
  let i = S - 1;
  let j = S - 1;
  for (;;) {
    for (let c = 0; c < C; c++) out[i * C + c] += q[j * C + c];
    count[i]++;
    if (i === 0 && j === 0) break;
    const up = i > 0 ? D[(i - 1) * S + j] : Infinity;
    const left = j > 0 ? D[i * S + j - 1] : Infinity;
    const diag = i > 0 && j > 0 ? D[(i - 1) * S + j - 1] : Infinity;
    if (diag <= up && diag <= left) {
      i--;
      j--;
    } else if (up <= left) i--;
    else j--;
  }
  for (let k = 0; k < S; k++) for (let c = 0; c < C; c++) out[k * C + c] /= count[k];
  return out;
}

async function main(): Promise<void> {
  await initBackend();
  const t0 = Date.now();
  const set = await loadSvc2004({ task: 1 });
  const raw = set.features.dataSync() as Float32Array;
  const per = S * C;
  const trainRows = Array.from(set.users).flatMap((u, i) => (u <= 20 ? [i] : []));
  const tv = new Float32Array(trainRows.length * per);
  trainRows.forEach((i, r) => tv.set(raw.subarray(i * per, (i + 1) * per), r * per));
  const z = standardizeChannels(raw, channelStats(tv, C));
  const row = (i: number): Float32Array => z.subarray(i * per, (i + 1) * per);
  const pairInput = (pairs: [number, number][]): tf.Tensor3D => {
    const out = new Float32Array(pairs.length * S * 3 * C);
    pairs.forEach(([a, b], p) => {
      const r = row(a);
      const q = align(r, row(b));
      for (let k = 0; k < S; k++)
        for (let c = 0; c < C; c++) {
          const o = (p * S + k) * 3 * C;
          out[o + c] = r[k * C + c];
          out[o + C + c] = q[k * C + c];
          out[o + 2 * C + c] = q[k * C + c] - r[k * C + c];
        }
    });
    return tf.tensor3d(out, [pairs.length, S, 3 * C]);
  };
  const tp = signaturePairs(
    set,
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  const trainPairs = Array.from(tp.left, (l, k) => [l, tp.right[k]] as [number, number]);
  const xTrain = pairInput(trainPairs);
  const yTrain = tf.tensor1d(tp.same);
  console.log(`aligned ${trainPairs.length} training pairs in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const model = tf.sequential();
  model.add(
    tf.layers.conv1d({
      inputShape: [S, 3 * C],
      filters: 12,
      kernelSize: 11,
      strides: 3,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }),
    }),
  );
  model.add(
    tf.layers.conv1d({
      filters: 16,
      kernelSize: 10,
      strides: 3,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 1 }),
    }),
  );
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 2 }) }));
  const opt = tf.train.adam(1e-3);
  // Test: every questioned signature of signers 21–40 against each of its signer's 5 enrolled ones.
  const testUsers = Array.from({ length: 20 }, (_, i) => i + 21);
  const needed: [number, number][] = [];
  for (let i = 0; i < set.users.length; i++) {
    if (set.users[i] <= 20) continue;
    // Also each enrolled signature against the other enrolled ones (for the per-signer spread).
    for (let j = 0; j < set.users.length; j++)
      if (set.users[j] === set.users[i] && set.genuine[j] && set.samples[j] <= 5 && i !== j) needed.push([j, i]);
  }
  const xTest = pairInput(needed);
  const key = new Map(needed.map(([a, b], k) => [`${a},${b}`, k]));
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const order = shuffledIndices(trainPairs.length, SEED * 100 + epoch);
    let total = 0;
    for (let s = 0; s < order.length; s += 64) {
      const idx = tf.tensor1d(order.subarray(s, Math.min(order.length, s + 64)), 'int32');
      const loss = opt.minimize(
        () =>
          tf.tidy(() => {
            const logits = (model.apply(tf.gather(xTrain, idx), { training: true }) as tf.Tensor2D).squeeze([1]);
            return tf.losses.sigmoidCrossEntropy<tf.Tensor, tf.Scalar>(tf.gather(yTrain, idx), logits);
          }),
        true,
      )!;
      total += loss.dataSync()[0] * idx.shape[0];
      tf.dispose([idx, loss]);
    }
    const logits = tf.tidy(() => (model.predict(xTest) as tf.Tensor2D).squeeze([1]));
    const lv = logits.dataSync();
    logits.dispose();
    // Distance = minus the logit; spread among references is not defined for this score, so no normalisation.
    const dist = (i: number, j: number): number => {
      const k = key.get(`${j},${i}`) ?? key.get(`${i},${j}`);
      if (k === undefined) throw new Error(`no pair ${i},${j}`);
      // −log P(same): a non-negative distance, so that the references' spread can normalise it.
      return Math.log1p(Math.exp(-lv[k]));
    };
    const r = enrolledScores(dist, set, { users: testUsers, normalise: process.env.NORM === '1' });
    const ga = genuineAcceptanceAt(r.scores, r.isGenuine, 0.8).acceptance;
    const eer = equalErrorRate(rocCurve(r.scores, r.isGenuine)).eer;
    console.log(
      `epoch ${epoch} loss ${(total / order.length).toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s): test GA@80FR ${(100 * ga).toFixed(1)}% EER ${(100 * eer).toFixed(1)}%`,
    );
  }
}
void main();
