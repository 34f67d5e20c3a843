// Check: are Task 2's signers the same signatures as Task 1's under the same number? For each Task 1 signer, the
// Task 2 signer whose genuine samples 1–5 are nearest by DTW on the normalised x, y path. If the tasks shared signers,
// most would find their own number; by chance about 1 in 40 does. Run: node dist/bench/signature/task-overlap.js
import { readSvc2004 } from '../../lib/data/svc2004';
import { penFeatures } from '../../lib/data/pen-features';
import { dtwDistance } from '../../lib/metrics/dtw';

async function main(): Promise<void> {
  const steps = 100;
  const xy = (f: Float32Array): Float32Array =>
    Float32Array.from({ length: steps * 2 }, (_, k) => f[(k >> 1) * 8 + (k & 1)]);
  const read = async (task: 1 | 2): Promise<Float32Array[][]> => {
    const t = await readSvc2004({ task });
    const byUser: Float32Array[][] = Array.from({ length: 40 }, () => []);
    t.trajectories.forEach((p, i) => {
      if (t.samples[i] <= 5) byUser[t.users[i] - 1].push(xy(penFeatures(p, steps)));
    });
    return byUser;
  };
  const [t1, t2] = [await read(1), await read(2)];
  let same = 0;
  const nearest: number[] = [];
  for (let u = 0; u < 40; u++) {
    let best = { v: -1, d: Infinity };
    for (let v = 0; v < 40; v++) {
      let d = 0;
      for (const a of t1[u]) for (const b of t2[v]) d += dtwDistance(a, b, 2, { band: 0.1 });
      if (d < best.d) best = { v, d };
    }
    nearest.push(best.v + 1);
    if (best.v === u) same++;
  }
  console.log(`Task 1 signers whose nearest Task 2 signer has the same number: ${same} of 40`);
  console.log(`nearest Task 2 signer of Task 1 signers 1..40: ${nearest.join(' ')}`);
}
void main();
