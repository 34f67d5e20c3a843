// Experiment: Siamese TDNN variants on SVC2004, scored on Task 1 signers 21–40 with 5 enrolled references.
// Env: TRAIN=t1|t1t2, RANDNEG=0|n per signer, AUG=copies, EPOCHS, VAL=0|1 (Task 1 signers 16–20 for early stopping),
// NET=small|large, LR, SEED.
import * as tf from '@tensorflow/tfjs';
import { readSvc2004, signatureSet, Svc2004Trajectories } from '../../lib/data/svc2004';
import { joinSets } from './joined-sets';
import { channelStats, standardizeChannels } from '../../lib/data/pen-features';
import { augmentTrajectory } from '../../lib/data/pen-augment';
import { seededRandom } from '../../lib/data/seeded-random';
import { signaturePairs } from '../../lib/data/signature-pairs';
import { timeDelayEncoder, createCosineSiamese } from '../../lib/models/time-delay';
import { fitPairs } from '../../lib/training/fit-pairs';
import { dtwDistance } from '../../lib/metrics/dtw';
import { enrolledScores, genuineAcceptanceAt, ReferenceScores } from '../../lib/metrics/signature-verification';
import { rocCurve, equalErrorRate } from '../../lib/metrics/roc';
import { initBackend } from '../../lib/backend/select';

const env = (k: string, d: string): string => process.env[k] ?? d;
const TRAIN = env('TRAIN', 't1');
const RANDNEG = Number(env('RANDNEG', '0'));
const AUG = Number(env('AUG', '0'));
const EPOCHS = Number(env('EPOCHS', '5'));
const VAL = env('VAL', '0') === '1';
const NET = env('NET', 'small');
const LR = Number(env('LR', '3e-4'));
const SEED = Number(env('SEED', '1'));
const STEPS = 200;
const C = 8;

function report(name: string, r: ReferenceScores): string {
  const ga = genuineAcceptanceAt(r.scores, r.isGenuine, 0.8).acceptance;
  const eer = equalErrorRate(rocCurve(r.scores, r.isGenuine)).eer;
  return `${name}: GA@80FR ${(100 * ga).toFixed(1)}% EER ${(100 * eer).toFixed(1)}%`;
}

async function main(): Promise<void> {
  await initBackend();
  const t0 = Date.now();
  const t1 = await readSvc2004({ task: 1 });
  const parts = [t1];
  if (TRAIN === 't1t2') parts.push(await readSvc2004({ task: 2 }));
  // Task 2 signers become users 101..140.
  const all = joinSets(parts, [0, 100]);
  const testUsers = Array.from({ length: 20 }, (_, i) => i + 21);
  const valUsers = VAL ? [16, 17, 18, 19, 20] : [];
  const trainUsers = Array.from(new Set(all.users)).filter((u) => !testUsers.includes(u) && !valUsers.includes(u));
  // Augmented copies of the training signers' signatures, appended after the originals.
  const rand = seededRandom(SEED * 7919);
  const base = all.trajectories.length;
  const copies: Svc2004Trajectories[] = [];
  for (let k = 0; k < AUG; k++) {
    const rows = Array.from(all.users).flatMap((u, i) => (trainUsers.includes(u) ? [i] : []));
    copies.push({
      trajectories: rows.map((i) => augmentTrajectory(all.trajectories[i], rand)),
      users: Int32Array.from(rows, (i) => all.users[i]),
      samples: Int32Array.from(rows, (i) => all.samples[i]),
      genuine: Uint8Array.from(rows, (i) => all.genuine[i]),
    });
  }
  const full = joinSets([all, ...copies], [0, ...copies.map(() => 0)]);
  const set = signatureSet(full, STEPS);
  const raw = set.features.dataSync() as Float32Array;
  const per = STEPS * C;
  const trainRows = Array.from({ length: base }, (_, i) => i).filter((i) => trainUsers.includes(full.users[i]));
  const tv = new Float32Array(trainRows.length * per);
  trainRows.forEach((i, r) => tv.set(raw.subarray(i * per, (i + 1) * per), r * per));
  const z = standardizeChannels(raw, channelStats(tv, C));
  const x = tf.tensor3d(z, [full.trajectories.length, STEPS, C]);
  set.features.dispose();
  // Pairs: skilled within each training signer, on the originals and on each copy (copy rows offset by k).
  const origLabels = { users: full.users.subarray(0, base), genuine: full.genuine.subarray(0, base) };
  const basePairs = signaturePairs(origLabels, trainUsers);
  const left: number[] = Array.from(basePairs.left);
  const right: number[] = Array.from(basePairs.right);
  const same: number[] = Array.from(basePairs.same);
  let offset = base;
  for (const copy of copies) {
    const cp = signaturePairs(copy, trainUsers);
    cp.left.forEach((l, i) => {
      left.push(l + offset);
      right.push(cp.right[i] + offset);
      same.push(cp.same[i]);
    });
    offset += copy.trajectories.length;
  }
  // Random forgeries: a signer's genuine signature against another training signer's genuine signature.
  if (RANDNEG > 0) {
    const genuineOf = new Map<number, number[]>();
    for (let i = 0; i < base; i++)
      if (full.genuine[i] && trainUsers.includes(full.users[i]))
        genuineOf.set(full.users[i], [...(genuineOf.get(full.users[i]) ?? []), i]);
    const r2 = seededRandom(SEED * 31);
    for (const u of trainUsers) {
      const mine = genuineOf.get(u)!;
      for (let k = 0; k < RANDNEG; k++) {
        let v = u;
        while (v === u) v = trainUsers[Math.floor(r2() * trainUsers.length)];
        const theirs = genuineOf.get(v)!;
        left.push(mine[Math.floor(r2() * mine.length)]);
        right.push(theirs[Math.floor(r2() * theirs.length)]);
        same.push(0);
      }
    }
  }
  const pairs = { left: Int32Array.from(left), right: Int32Array.from(right), same: Float32Array.from(same) };
  const layers =
    NET === 'large'
      ? [
          { filters: 32, kernel: 11, stride: 2 },
          { filters: 48, kernel: 9, stride: 2 },
          { filters: 64, kernel: 7, stride: 2 },
        ]
      : undefined;
  const encoder = timeDelayEncoder({ seed: SEED, layers });
  const siamese = createCosineSiamese(encoder, tf.train.adam(LR));
  const labels = {
    users: full.users.subarray(0, base),
    samples: full.samples.subarray(0, base),
    genuine: full.genuine.subarray(0, base),
  };
  const xOrig = x.slice([0, 0, 0], [base, STEPS, C]);
  const score = (users: number[]): { pooled: ReferenceScores } => {
    const e = siamese.embed(xOrig);
    const d = e.shape[1];
    const v = e.dataSync();
    e.dispose();
    const cosDist = (i: number, j: number): number => {
      let dot = 0,
        na = 0,
        nb = 0;
      for (let k = 0; k < d; k++) {
        dot += v[i * d + k] * v[j * d + k];
        na += v[i * d + k] ** 2;
        nb += v[j * d + k] ** 2;
      }
      return 1 - dot / Math.max(Math.sqrt(na * nb), 1e-12);
    };
    return { pooled: enrolledScores(cosDist, labels, { users }) };
  };
  console.log(
    `TRAIN=${TRAIN} RANDNEG=${RANDNEG} AUG=${AUG} VAL=${VAL} NET=${NET} LR=${LR} SEED=${SEED}: ${trainUsers.length} training signers, ${pairs.same.length} pairs/epoch (${((Date.now() - t0) / 1000).toFixed(0)} s to load)`,
  );
  console.log(report('untrained, test, pooled cosine, normalised', score(testUsers).pooled));
  let best = { eer: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const [loss] = await fitPairs(siamese, x, pairs, { epochs: 1, batchSize: 64, seed: SEED * 1000 + epoch });
    const line = [
      `epoch ${epoch} loss ${loss.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      report('test', score(testUsers).pooled),
    ];
    if (VAL) {
      const r = score(valUsers).pooled;
      const eer = equalErrorRate(rocCurve(r.scores, r.isGenuine)).eer;
      line.push(report('val', r));
      if (eer < best.eer) {
        tf.dispose(best.weights);
        best = { eer, epoch, weights: encoder.getWeights().map((w) => w.clone()) };
      }
    }
    console.log(line.join(' | '));
  }
  if (VAL) {
    encoder.setWeights(best.weights);
    console.log(`early stop: best val epoch ${best.epoch}; ${report('test', score(testUsers).pooled)}`);
  }
  // Learned local features: DTW on the last time-delay maps (before the average over time).
  const maps = tf.model({
    inputs: encoder.inputs,
    outputs: encoder.layers[encoder.layers.length - 2].output,
  });
  const m = maps.predict(xOrig) as tf.Tensor3D;
  const [, T, F] = m.shape;
  const mv = m.dataSync() as Float32Array;
  m.dispose();
  const seq = (i: number): Float32Array => mv.subarray(i * T * F, (i + 1) * T * F);
  const dtwMaps = (i: number, j: number): number => dtwDistance(seq(i), seq(j), F, { band: 0.1 });
  console.log(report('DTW on learned maps, normalised', enrolledScores(dtwMaps, labels, { users: testUsers })));
  console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
void main();
