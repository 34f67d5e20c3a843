import { nativeFailureReason } from '../../lib/backend';

/** Loads tfjs-node if its binding is built here (`npx replearn backend install-native`; CI builds it), else says why not. */
export function nativeFailure(): string | null {
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2'; // as initBackend does: TensorFlow's INFO lines are noise in test logs
  try {
    require('@tensorflow/tfjs-node');
    return null;
  } catch (err) {
    return nativeFailureReason(err);
  }
}
