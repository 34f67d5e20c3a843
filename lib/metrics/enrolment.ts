/** Who wrote each signature, its sample number and whether it is genuine (the fields of a SignatureSet enrolment needs). */
export interface EnrolmentLabels {
  users: ArrayLike<number>;
  samples: ArrayLike<number>;
  genuine: ArrayLike<number>;
}

/** Each signer's enrolled signatures (by index) and every other signature, the questioned ones. */
export interface EnrolmentSplit {
  enrolled: Map<number, number[]>;
  questioned: number[];
}

/**
 * Splits the signatures of the `users` asked for (default all): a genuine one whose sample number `isEnrolled` is
 * enrolled for its signer, every other one (genuine or forged) is questioned.
 */
export function splitEnrolment(
  labels: EnrolmentLabels,
  isEnrolled: (sample: number) => boolean,
  users?: number[],
): EnrolmentSplit {
  const wanted = users ? new Set(users) : null;
  const enrolled = new Map<number, number[]>();
  const questioned: number[] = [];
  for (let i = 0; i < labels.users.length; i++) {
    const u = labels.users[i];
    if (wanted && !wanted.has(u)) continue;
    if (labels.genuine[i] && isEnrolled(labels.samples[i])) enrolled.set(u, [...(enrolled.get(u) ?? []), i]);
    else questioned.push(i);
  }
  return { enrolled, questioned };
}
