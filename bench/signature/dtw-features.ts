// Experiment: a verifier that learns how to weigh what DTW measures. Per pair of signatures, the DTW path's
// per-channel mean differences, mean frame distance and length (lib/metrics/dtw-align.ts dtwPathFeatures); per
// questioned signature, their mean over the 5 enrolled references divided by their mean among the references
// (lib/metrics/enrolled-features.ts); a small network trained on the training signers' enrolments turns those into
// a score. Scored on SVC2004 Task 1 signers 21–40 with samples 1–5 enrolled.
// Env: TRAIN=t1|t1t2 (Task 2's 40 signers as extra training signers), VAL=0|1 (Task 1 signers 16–20 held out),
// NET=linear|mlp, EPOCHS, SEED, DRAWS (enrolments per training signer: samples 1–5, 6–10, 11–15, 16–20), BAND, NORM=0|1.
// Run: REPLEARN_DATA=... node dist/bench/signature/dtw-features.js
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend/select';
import { readSvc2004, signatureSet, Svc2004Trajectories } from '../../lib/data/svc2004';
import { channelStats, cleanTimes, penStatistics, standardizeChannels } from '../../lib/data/pen-features';
import { dtwPathFeatures } from '../../lib/metrics/dtw-align';
import { enrolledFeatures, EnrolledFeatures } from '../../lib/metrics/enrolled-features';
import { dtwReferenceScores } from '../../lib/metrics/dtw-verification';
import { genuineAcceptanceAt } from '../../lib/metrics/signature-verification';
import { equalErrorRate, rocCurve } from '../../lib/metrics/roc';
import { fitClassifier } from '../../lib/training/fit-classifier';

const env = (k: string, d: string): string => process.env[k] ?? d;
const TRAIN = env('TRAIN', 't1');
const VAL = env('VAL', '0') === '1';
const NET = env('NET', 'mlp');
const EPOCHS = Number(env('EPOCHS', '30'));
const SEED = Number(env('SEED', '1'));
const DRAWS = Number(env('DRAWS', '4'));
const BAND = Number(env('BAND', '0.1'));
const NORM = env('NORM', '1') === '1';
// GLOBAL=1: also the differences of the 5 hand-made statistics and of log duration.
const GLOBAL = env('GLOBAL', '0') === '1';
const S = 200;
const C = 8;

function concat(parts: Svc2004Trajectories[], offsets: number[]): Svc2004Trajectories {
  return {
    trajectories: parts.flatMap((p) => p.trajectories),
    users: Int32Array.from(parts.flatMap((p, k) => Array.from(p.users, (u) => u + offsets[k]))),
    samples: Int32Array.from(parts.flatMap((p) => Array.from(p.samples))),
    genuine: Uint8Array.from(parts.flatMap((p) => Array.from(p.genuine))),
  };
}

const fmt = (scores: ArrayLike<number>, genuine: ArrayLike<number>): string =>
  `GA@80FR ${(100 * genuineAcceptanceAt(scores, genuine, 0.8).acceptance).toFixed(1)}% ` +
  `EER ${(100 * equalErrorRate(rocCurve(scores, genuine)).eer).toFixed(1)}%`;

async function main(): Promise<void> {
  await initBackend({ quiet: true });
  const t0 = Date.now();
  const secs = (): string => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  const parts = [await readSvc2004({ task: 1 })];
  if (TRAIN === 't1t2') parts.push(await readSvc2004({ task: 2 }));
  const all = concat(parts, [0, 100]);
  const set = signatureSet(all, S);
  const testUsers = Array.from({ length: 20 }, (_, i) => i + 21);
  const valUsers = VAL ? [16, 17, 18, 19, 20] : [];
  const trainUsers = [...new Set(all.users)].filter((u) => !testUsers.includes(u) && !valUsers.includes(u));
  const raw = set.features.dataSync() as Float32Array;
  const per = S * C;
  const trainRows = Array.from(all.users).flatMap((u, i) => (trainUsers.includes(u) ? [i] : []));
  const tv = new Float32Array(trainRows.length * per);
  trainRows.forEach((i, r) => tv.set(raw.subarray(i * per, (i + 1) * per), r * per));
  const z = standardizeChannels(raw, channelStats(tv, C));
  const labels = { users: all.users, samples: all.samples, genuine: all.genuine };
  const dtw = dtwReferenceScores(tf.tensor3d(z, [all.users.length, S, C]), labels, { users: testUsers, band: BAND });
  console.log(`DTW baseline, test: ${fmt(dtw.scores, dtw.isGenuine)}`);
  const stats5 = penStatistics(raw, S);
  set.features.dispose();
  const logDuration = Float64Array.from(all.trajectories, (p) => Math.log(cleanTimes(p.t)[p.t.length - 1]));
  const cache = new Map<number, Float32Array>();
  const n = all.users.length;
  const pairFeatures = (i: number, j: number): Float32Array => {
    const key = i < j ? i * n + j : j * n + i;
    let f = cache.get(key);
    if (!f)
      cache.set(
        key,
        (f = dtwPathFeatures(z.subarray(i * per, (i + 1) * per), z.subarray(j * per, (j + 1) * per), C, {
          band: BAND,
        })),
      );
    if (!GLOBAL) return f;
    const g = new Float32Array(f.length + 6);
    g.set(f);
    for (let c = 0; c < 5; c++) g[f.length + c] = Math.abs(stats5[i * 5 + c] - stats5[j * 5 + c]);
    g[f.length + 5] = Math.abs(logDuration[i] - logDuration[j]);
    return g;
  };
  const draw = (d: number): number[] => [1, 2, 3, 4, 5].map((s) => s + 5 * d);
  const describe = (users: number[], enrolled: number[]): EnrolledFeatures =>
    enrolledFeatures(pairFeatures, labels, { users, enrolled, normalise: NORM });
  const train = Array.from({ length: DRAWS }, (_, d) => describe(trainUsers, draw(d)));
  const test = describe(testUsers, draw(0));
  const val = VAL ? describe(valUsers, draw(0)) : null;
  const W = test.width;
  console.log(
    `TRAIN=${TRAIN} GLOBAL=${GLOBAL} VAL=${VAL} NET=${NET} DRAWS=${DRAWS} NORM=${NORM} SEED=${SEED}: ${trainUsers.length} training ` +
      `signers, ${train.reduce((s, t) => s + t.isGenuine.length, 0)} training rows, ${cache.size} DTW paths (${secs()})`,
  );
  // Non-learned: the normalised mean frame distance alone (the DTW baseline's score, measured along the path).
  const column = (e: EnrolledFeatures, c: number): Float32Array =>
    Float32Array.from(e.isGenuine, (_, k) => -e.features[k * W + c]);
  console.log(`no learning, mean frame distance along the path: test ${fmt(column(test, C), test.isGenuine)}`);
  for (let c = 0; c < W; c++) console.log(`  feature ${c} alone: test ${fmt(column(test, c), test.isGenuine)}`);
  // Logs turn ratios into differences; the inputs are then standardised on the training rows.
  const logs = (e: EnrolledFeatures): Float32Array => Float32Array.from(e.features, (v) => Math.log(Math.max(v, 1e-6)));
  const trainX = new Float32Array(train.reduce((s, t) => s + t.features.length, 0));
  let o = 0;
  for (const t of train) {
    trainX.set(logs(t), o);
    o += t.features.length;
  }
  const trainY = Uint8Array.from(train.flatMap((t) => Array.from(t.isGenuine)));
  const stats = channelStats(trainX, W);
  const input = (e: EnrolledFeatures | Float32Array): tf.Tensor2D => {
    const v = e instanceof Float32Array ? e : logs(e);
    return tf.tensor2d(standardizeChannels(v, stats), [v.length / W, W]);
  };
  const model = tf.sequential();
  if (NET === 'mlp')
    model.add(
      tf.layers.dense({
        inputShape: [W],
        units: 16,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }),
      }),
    );
  model.add(
    tf.layers.dense({
      ...(NET === 'mlp' ? {} : { inputShape: [W] }),
      units: 2,
      kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 1 }),
    }),
  );
  const x = input(trainX);
  const score = (e: EnrolledFeatures): Float32Array => {
    const xe = input(e);
    const s = tf.tidy(() => {
      const l = model.predict(xe) as tf.Tensor2D;
      return tf.sub(l.slice([0, 1], [-1, 1]), l.slice([0, 0], [-1, 1])).reshape([-1]);
    });
    const out = s.dataSync() as Float32Array;
    tf.dispose([xe, s]);
    return out;
  };
  const optimizer = tf.train.adam(1e-2);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const [loss] = await fitClassifier(model, x, trainY, {
      optimizer,
      epochs: 1,
      batchSize: 32,
      seed: SEED * 100 + epoch,
    });
    if (epoch % 5 === 0 || epoch === EPOCHS) {
      let line = `epoch ${epoch} loss ${loss.toFixed(3)}: test ${fmt(score(test), test.isGenuine)}`;
      if (val) line += ` | val ${fmt(score(val), val.isGenuine)}`;
      console.log(line);
    }
  }
  console.log(`total ${secs()}`);
}
void main();
