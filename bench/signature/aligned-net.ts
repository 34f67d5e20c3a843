// Experiment: a time-delay network on DTW-aligned differences (lib/models/aligned-pair-net.ts), scored on SVC2004
// Task 1 signers 21–40 with 5 enrolled references and the DTW baseline's per-signer normalisation.
// Env: TRAIN=t1|t1t2 (Task 2's 40 signers as extra training signers), VAL=0|1 (Task 1 signers 16–20 held out to pick
// the epoch), RANDNEG=n (random forgeries per training signer), NET=bromley|small|wide, EPOCHS, SEED, LR, PAIRS=n
// (at most n genuine and n forged pairs per training signer; 0 = all), BAND.
// Run: REPLEARN_DATA=... node dist/bench/signature/aligned-net.js
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend/select';
import { readSvc2004, signatureSet } from '../../lib/data/svc2004';
import { joinSets } from './joined-sets';
import { channelStats, standardizeChannels } from '../../lib/data/pen-features';
import { signaturePairs } from '../../lib/data/signature-pairs';
import { seededRandom, shuffledIndices } from '../../lib/data/seeded-random';
import { alignedDifferences } from '../../lib/metrics/dtw-align';
import { batchedEnrolledScores, IndexPairList } from '../../lib/metrics/batched-enrolment';
import { dtwReferenceScores } from '../../lib/metrics/dtw-verification';
import { genuineAcceptanceAt, ReferenceScores } from '../../lib/metrics/signature-verification';
import { equalErrorRate, rocCurve } from '../../lib/metrics/roc';
import { alignedPairNet, learnedPairDistances } from '../../lib/models/aligned-pair-net';
import { fitClassifier } from '../../lib/training/fit-classifier';

const env = (k: string, d: string): string => process.env[k] ?? d;
const TRAIN = env('TRAIN', 't1');
const VAL = env('VAL', '0') === '1';
const RANDNEG = Number(env('RANDNEG', '0'));
const NET = env('NET', 'bromley');
const EPOCHS = Number(env('EPOCHS', '3'));
const SEED = Number(env('SEED', '1'));
const LR = Number(env('LR', '1e-3'));
const PAIRS = Number(env('PAIRS', '0'));
const BAND = Number(env('BAND', '0.1'));
const INPUT = env('INPUT', 'diff');
const S = 200;
const C = 8;
// What the network reads per step: the signed difference, its size, or both (16 channels).
const CI = INPUT === 'both' ? 2 * C : C;
function inputs(d: Float32Array, n: number): tf.Tensor3D {
  if (INPUT === 'diff') return tf.tensor3d(d, [n, S, C]);
  const out = new Float32Array(n * S * CI);
  for (let k = 0; k < n * S; k++)
    for (let c = 0; c < C; c++) {
      const v = d[k * C + c];
      if (INPUT === 'abs') out[k * C + c] = Math.abs(v);
      else {
        out[k * CI + c] = v;
        out[k * CI + C + c] = Math.abs(v);
      }
    }
  return tf.tensor3d(out, [n, S, CI]);
}
const NETS = {
  bromley: undefined,
  small: [
    { filters: 8, kernel: 5, stride: 1 },
    { filters: 8, kernel: 5, stride: 2 },
  ],
  wide: [
    { filters: 32, kernel: 11, stride: 3 },
    { filters: 32, kernel: 10, stride: 3 },
  ],
};

const measure = (r: ReferenceScores): { ga: number; eer: number } => ({
  ga: genuineAcceptanceAt(r.scores, r.isGenuine, 0.8).acceptance,
  eer: equalErrorRate(rocCurve(r.scores, r.isGenuine)).eer,
});
const fmt = (m: { ga: number; eer: number }): string =>
  `GA@80FR ${(100 * m.ga).toFixed(1)}% EER ${(100 * m.eer).toFixed(1)}%`;

async function main(): Promise<void> {
  await initBackend({ quiet: true });
  const t0 = Date.now();
  const secs = (): string => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  const parts = [await readSvc2004({ task: 1 })];
  if (TRAIN === 't1t2') parts.push(await readSvc2004({ task: 2 }));
  const all = joinSets(parts, [0, 100]);
  const set = signatureSet(all, S);
  const testUsers = Array.from({ length: 20 }, (_, i) => i + 21);
  const valUsers = VAL ? [16, 17, 18, 19, 20] : [];
  const trainUsers = [...new Set(all.users)].filter((u) => !testUsers.includes(u) && !valUsers.includes(u));
  const raw = set.features.dataSync() as Float32Array;
  set.features.dispose();
  const per = S * C;
  const trainRows = Array.from(all.users).flatMap((u, i) => (trainUsers.includes(u) ? [i] : []));
  const tv = new Float32Array(trainRows.length * per);
  trainRows.forEach((i, r) => tv.set(raw.subarray(i * per, (i + 1) * per), r * per));
  const z = standardizeChannels(raw, channelStats(tv, C));

  // Training pairs (left = a genuine signature, the time axis; right = genuine or forged), optionally thinned.
  const sp = signaturePairs(all, trainUsers);
  const rand = seededRandom(SEED * 7919);
  const left: number[] = [];
  const right: number[] = [];
  const same: number[] = [];
  const keep = PAIRS > 0 ? new Map<string, number>() : null;
  for (const k of shuffledIndices(sp.same.length, SEED)) {
    const key = `${all.users[sp.left[k]]}:${sp.same[k]}`;
    if (keep && (keep.get(key) ?? 0) >= PAIRS) continue;
    keep?.set(key, (keep.get(key) ?? 0) + 1);
    left.push(sp.left[k]);
    right.push(sp.right[k]);
    same.push(sp.same[k]);
  }
  if (RANDNEG > 0) {
    const genuineOf = new Map<number, number[]>();
    trainRows.forEach((i) => {
      if (all.genuine[i]) genuineOf.set(all.users[i], [...(genuineOf.get(all.users[i]) ?? []), i]);
    });
    for (const u of trainUsers)
      for (let k = 0; k < RANDNEG; k++) {
        let v = u;
        while (v === u) v = trainUsers[Math.floor(rand() * trainUsers.length)];
        const mine = genuineOf.get(u)!;
        const theirs = genuineOf.get(v)!;
        left.push(mine[Math.floor(rand() * mine.length)]);
        right.push(theirs[Math.floor(rand() * theirs.length)]);
        same.push(0);
      }
  }
  const x = inputs(alignedDifferences(z, S, C, { left, right }, { band: BAND }), left.length);
  console.log(
    `INPUT=${INPUT} TRAIN=${TRAIN} VAL=${VAL} RANDNEG=${RANDNEG} NET=${NET} PAIRS=${PAIRS} LR=${LR} SEED=${SEED}: ` +
      `${trainUsers.length} training signers, ${left.length} aligned pairs (${secs()})`,
  );
  const labels = { users: all.users, samples: all.samples, genuine: all.genuine };
  const dtw = dtwReferenceScores(tf.tensor3d(z, [all.users.length, S, C]), labels, { users: testUsers, band: BAND });
  console.log(`DTW baseline, test: ${fmt(measure(dtw))}`);
  const model = alignedPairNet({ inputShape: [S, CI], seed: SEED, layers: NETS[NET as keyof typeof NETS] });
  // enrolledScores asks distance(questioned, enrolled): the enrolled signature is the time axis, as in training.
  const distances = (p: IndexPairList): Float32Array => {
    const input = inputs(alignedDifferences(z, S, C, { left: p.right, right: p.left }, { band: BAND }), p.left.length);
    const d = learnedPairDistances(model, input);
    input.dispose();
    return d;
  };
  const score = (users: number[], normalise = true): ReferenceScores =>
    batchedEnrolledScores(distances, labels, { users, normalise });
  const optimizer = tf.train.adam(LR);
  let best = { eer: Infinity, epoch: 0, test: '' };
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const [loss] = await fitClassifier(model, x, same, {
      optimizer,
      epochs: 1,
      batchSize: 64,
      seed: SEED * 100 + epoch,
    });
    const test = `test ${fmt(measure(score(testUsers)))} (not normalised: ${fmt(measure(score(testUsers, false)))})`;
    let line = `epoch ${epoch} loss ${loss.toFixed(3)} (${secs()}): ${test}`;
    if (VAL) {
      const v = measure(score(valUsers));
      line += ` | val ${fmt(v)}`;
      if (v.eer < best.eer) best = { eer: v.eer, epoch, test };
    }
    console.log(line);
  }
  if (VAL) console.log(`early stop at the best validation epoch ${best.epoch}: ${best.test}`);
  console.log(`total ${secs()}`);
  tf.dispose([x]);
}
void main();
