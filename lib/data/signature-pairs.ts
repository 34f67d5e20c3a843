import type { IndexPairs } from './pairs';

/** Who wrote each signature and whether it is genuine (the fields of a SignatureSet that pairing needs). */
export interface SignatureLabels {
  users: ArrayLike<number>;
  genuine: ArrayLike<number>;
}

/**
 * Every genuine–genuine pair (same = 1) and every genuine–forgery pair (same = 0) within each of `users`:
 * the pairs Bromley et al. trained on. Pairs never cross users; with 20 + 20 samples a user gives 190 + 400 pairs.
 */
export function signaturePairs(set: SignatureLabels, users: number[]): IndexPairs {
  const wanted = new Set(users);
  const byUser = new Map<number, { genuine: number[]; forged: number[] }>();
  for (let i = 0; i < set.users.length; i++) {
    if (!wanted.has(set.users[i])) continue;
    const entry = byUser.get(set.users[i]) ?? { genuine: [], forged: [] };
    (set.genuine[i] ? entry.genuine : entry.forged).push(i);
    byUser.set(set.users[i], entry);
  }
  const left: number[] = [];
  const right: number[] = [];
  const same: number[] = [];
  for (const { genuine, forged } of byUser.values()) {
    for (let a = 0; a < genuine.length; a++) {
      for (let b = a + 1; b < genuine.length; b++) {
        left.push(genuine[a]);
        right.push(genuine[b]);
        same.push(1);
      }
      for (const f of forged) {
        left.push(genuine[a]);
        right.push(f);
        same.push(0);
      }
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right), same: Float32Array.from(same) };
}
