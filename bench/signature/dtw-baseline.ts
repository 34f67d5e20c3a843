// Experiment: DTW on pen features against 5 enrolled references, signers 21–40 of SVC2004 Task 1.
import { loadSvc2004 } from '../../lib/data/svc2004';
import { channelStats, standardizeChannels, PEN_FEATURE_NAMES } from '../../lib/data/pen-features';
import { dtwDistance } from '../../lib/metrics/dtw';
import { enrolledScores, genuineAcceptanceAt } from '../../lib/metrics/signature-verification';
import { rocCurve, equalErrorRate } from '../../lib/metrics/roc';

async function main(): Promise<void> {
  const steps = Number(process.env.STEPS ?? 200);
  const set = await loadSvc2004({ task: 1, steps });
  const raw = set.features.dataSync() as Float32Array;
  const C = PEN_FEATURE_NAMES.length;
  const per = steps * C;
  const trainRows = Array.from(set.users).flatMap((u, i) => (u <= 20 ? [i] : []));
  const tv = new Float32Array(trainRows.length * per);
  trainRows.forEach((i, r) => tv.set(raw.subarray(i * per, (i + 1) * per), r * per));
  const z = standardizeChannels(raw, channelStats(tv, C));
  const subsets: Record<string, number[]> = {
    xy: [0, 1],
    vxvy: [2, 3],
    'xy+vxvy': [0, 1, 2, 3],
    'xy+vxvy+speed': [0, 1, 2, 3, 4],
    all8: [0, 1, 2, 3, 4, 5, 6, 7],
  };
  const only = (process.env.SUBSETS ?? Object.keys(subsets).join(',')).split(',');
  for (const name of only) {
    const ch = subsets[name];
    const seqs = Array.from({ length: set.users.length }, (_, i) => {
      const s = new Float32Array(steps * ch.length);
      for (let k = 0; k < steps; k++) ch.forEach((c, j) => (s[k * ch.length + j] = z[i * per + k * C + c]));
      return s;
    });
    for (const band of (process.env.BANDS ?? '1,0.1').split(',').map(Number)) {
      const cache = new Map<string, number>();
      const dist = (i: number, j: number): number => {
        const key = i < j ? `${i},${j}` : `${j},${i}`;
        let d = cache.get(key);
        if (d === undefined) cache.set(key, (d = dtwDistance(seqs[i], seqs[j], ch.length, { band })));
        return d;
      };
      const t0 = Date.now();
      for (const combine of ['mean', 'min'] as const)
        for (const normalise of [false, true]) {
          const r = enrolledScores(dist, set, {
            combine,
            normalise,
            users: Array.from({ length: 20 }, (_, i) => i + 21),
          });
          const ga = genuineAcceptanceAt(r.scores, r.isGenuine, 0.8).acceptance;
          const eer = equalErrorRate(rocCurve(r.scores, r.isGenuine)).eer;
          console.log(
            `${name} band=${band} ${combine} norm=${normalise}: GA@80FR ${(100 * ga).toFixed(1)}% EER ${(100 * eer).toFixed(1)}% (n=${r.scores.length}, ${Date.now() - t0} ms)`,
          );
        }
    }
  }
  set.features.dispose();
}
void main();
