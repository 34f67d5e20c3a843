import { EnrolledScoreOptions, EnrolmentLabels, ReferenceScores, enrolledScores } from './signature-verification';

/** Pairs of signatures by index: distance(left[k], right[k]) is asked for each k. */
export interface IndexPairList {
  left: Int32Array;
  right: Int32Array;
}

/**
 * {@link enrolledScores} for a distance that is cheap only in bulk (a network): the pairs enrolment compares (each
 * questioned signature with each enrolled one, the enrolled ones with each other) are listed first, `distances`
 * computes them all at once, and the scores are drawn from those values.
 */
export function batchedEnrolledScores(
  distances: (pairs: IndexPairList) => ArrayLike<number>,
  labels: EnrolmentLabels,
  options: EnrolledScoreOptions = {},
): ReferenceScores {
  const left: number[] = [];
  const right: number[] = [];
  const index = new Map<string, number>();
  enrolledScores(
    (i, j) => {
      if (!index.has(`${i},${j}`)) {
        index.set(`${i},${j}`, left.length);
        left.push(i);
        right.push(j);
      }
      return 1;
    },
    labels,
    options,
  );
  const values = distances({ left: Int32Array.from(left), right: Int32Array.from(right) });
  if (values.length !== left.length)
    throw new Error(`batchedEnrolledScores: ${left.length} pairs asked, ${values.length} distances returned`);
  return enrolledScores((i, j) => values[index.get(`${i},${j}`)!], labels, options);
}
