import type { Svc2004Trajectories } from '../../lib/data/svc2004';

/** Signature sets joined into one, signer numbers of part k shifted by offsets[k] so parts keep their signers apart. */
export function joinSets(parts: Svc2004Trajectories[], offsets: number[]): Svc2004Trajectories {
  return {
    trajectories: parts.flatMap((p) => p.trajectories),
    users: Int32Array.from(parts.flatMap((p, k) => Array.from(p.users, (u) => u + offsets[k]))),
    samples: Int32Array.from(parts.flatMap((p) => Array.from(p.samples))),
    genuine: Uint8Array.from(parts.flatMap((p) => Array.from(p.genuine))),
  };
}
