import { equalErrorRate, rocAuc, rocCurve } from './roc';
import { genuineAcceptanceAt } from './signature-verification';

/** The numbers a verification table reports for one method. */
export interface VerificationSummary {
  decisions: number;
  AUC: number;
  EER: number;
  /** Genuine acceptance with the threshold that rejects 80% of the forgeries (Bromley et al.'s operating point). */
  'GA at 80% FR': number;
}

/** Decisions, ROC area, equal-error rate and genuine acceptance at 80% forgeries rejected, from scores (higher = more genuine). */
export function verificationSummary(scores: ArrayLike<number>, isGenuine: ArrayLike<number>): VerificationSummary {
  const roc = rocCurve(scores, isGenuine);
  return {
    decisions: scores.length,
    AUC: rocAuc(roc),
    EER: equalErrorRate(roc).eer,
    'GA at 80% FR': genuineAcceptanceAt(scores, isGenuine, 0.8).acceptance,
  };
}
