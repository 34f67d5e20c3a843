// Experiment: a verifier that learns how to weigh what DTW measures. Per pair of signatures, the DTW path's
// per-channel mean differences, mean frame distance and length (dtwPathFeatures), optionally with the differences of
// six whole-signature statistics (GLOBAL=1: signatureStatistics); per questioned signature, their mean over the
// enrolled references divided by their mean among the references (enrolledFeatures); a small network trained on the
// training signers' enrolments (fitEnrolmentVerifier) turns those into a score. Test: SVC2004 Task 1 signers 21–40,
// samples 1–5 enrolled. Env: TRAIN=t1|t1t2 (Task 2's 40 signers as signers 101–140 for training), VAL=0|1 (Task 1
// signers 16–20 held out), HIDDEN (0 = linear), EPOCHS, SEED, DRAWS (enrolments per training signer: samples 1–5,
// 6–10, 11–15, 16–20), BAND, NORM=0|1, GLOBAL=0|1, ENSEMBLE.
// Run: REPLEARN_DATA=... node dist/bench/signature/dtw-features.js
import { initBackend } from '../../lib/backend/select';
import { loadSvc2004 } from '../../lib/data/svc2004';
import { joinSignatureSets, signatureStatistics, standardizedSignatures } from '../../lib/data/signature-channels';
import { dtwPairFeatures } from '../../lib/metrics/dtw-pair-features';
import { enrolledFeatures, EnrolledFeatures } from '../../lib/metrics/enrolled-features';
import { dtwReferenceScores } from '../../lib/metrics/dtw-verification';
import { genuineAcceptanceAt } from '../../lib/metrics/signature-verification';
import { equalErrorRate, rocCurve } from '../../lib/metrics/roc';
import { fitEnrolmentVerifier } from '../../lib/training/enrolment-verifier';

const env = (k: string, d: string): string => process.env[k] ?? d;
const TRAIN = env('TRAIN', 't1t2');
const VAL = env('VAL', '0') === '1';
const HIDDEN = Number(env('HIDDEN', '16'));
const EPOCHS = Number(env('EPOCHS', '30'));
const SEED = Number(env('SEED', '1'));
const DRAWS = Number(env('DRAWS', '4'));
const BAND = Number(env('BAND', '0.1'));
const NORM = env('NORM', '1') === '1';
const GLOBAL = env('GLOBAL', '1') === '1';
// ENSEMBLE=n: n verifiers (seeds SEED, SEED + 1, …) whose scores are averaged.
const ENSEMBLE = Number(env('ENSEMBLE', '1'));

const fmt = (scores: ArrayLike<number>, genuine: ArrayLike<number>): string =>
  `GA@80FR ${(100 * genuineAcceptanceAt(scores, genuine, 0.8).acceptance).toFixed(1)}% ` +
  `EER ${(100 * equalErrorRate(rocCurve(scores, genuine)).eer).toFixed(1)}%`;

async function main(): Promise<void> {
  await initBackend({ quiet: true });
  const t0 = Date.now();
  const secs = (): string => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  const sets = [await loadSvc2004({ task: 1 })];
  if (TRAIN === 't1t2') sets.push(await loadSvc2004({ task: 2 }));
  const all = joinSignatureSets(sets);
  const testUsers = Array.from({ length: 20 }, (_, i) => i + 21);
  const valUsers = VAL ? [16, 17, 18, 19, 20] : [];
  const trainUsers = [...new Set(all.users)].filter((u) => !testUsers.includes(u) && !valUsers.includes(u));
  const z = standardizedSignatures(all, trainUsers);
  const dtw = dtwReferenceScores(z, all, { users: testUsers, band: BAND });
  console.log(`DTW baseline, test: ${fmt(dtw.scores, dtw.isGenuine)}`);
  const pairFeatures = dtwPairFeatures(z, { band: BAND, globals: GLOBAL ? signatureStatistics(all) : undefined });
  const draw = (d: number): number[] => [1, 2, 3, 4, 5].map((s) => s + 5 * d);
  const describe = (users: number[], enrolled: number[]): EnrolledFeatures =>
    enrolledFeatures(pairFeatures, all, { users, enrolled, normalise: NORM });
  const train = Array.from({ length: DRAWS }, (_, d) => describe(trainUsers, draw(d)));
  const test = describe(testUsers, draw(0));
  const val = VAL ? describe(valUsers, draw(0)) : null;
  console.log(
    `TRAIN=${TRAIN} GLOBAL=${GLOBAL} VAL=${VAL} HIDDEN=${HIDDEN} DRAWS=${DRAWS} NORM=${NORM} SEED=${SEED}: ` +
      `${trainUsers.length} training signers, ${train.reduce((s, t) => s + t.isGenuine.length, 0)} training rows ` +
      `(${secs()})`,
  );
  const progress = {
    update: (epoch: number, m?: Record<string, number>): void => {
      if (epoch % 10 === 0) console.log(`  epoch ${epoch} loss ${m?.loss?.toFixed(3) ?? '?'}`);
    },
    finish: (): void => undefined,
  };
  const testScores = new Float32Array(test.isGenuine.length);
  const valScores = new Float32Array(val?.isGenuine.length ?? 0);
  for (let k = 0; k < ENSEMBLE; k++) {
    const verifier = await fitEnrolmentVerifier(train, { hidden: HIDDEN, epochs: EPOCHS, seed: SEED + k, progress });
    verifier.score(test).forEach((v, q) => (testScores[q] += v / ENSEMBLE));
    if (val) verifier.score(val).forEach((v, q) => (valScores[q] += v / ENSEMBLE));
    const last = verifier.losses[EPOCHS - 1].toFixed(3);
    console.log(
      `verifier ${k + 1} of ${ENSEMBLE} (seed ${SEED + k}): loss ${last}, test ${fmt(verifier.score(test), test.isGenuine)}`,
    );
    verifier.dispose();
  }
  let line = `${EPOCHS} epochs, ${ENSEMBLE} verifier(s) averaged: test ${fmt(testScores, test.isGenuine)}`;
  if (val) line += ` | val ${fmt(valScores, val.isGenuine)}`;
  console.log(`${line} (${secs()})`);
  z.dispose();
}
void main();
