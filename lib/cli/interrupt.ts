import { killAllKernels } from '../jupyter/runner';

/** On any of `signals`, kill every kernel we started and exit 130; returns the function that removes the handler. */
export function killKernelsOnSignal(signals: NodeJS.Signals[]): () => void {
  const stop = (): void => {
    killAllKernels();
    process.exit(130);
  };
  for (const s of signals) process.once(s, stop);
  return () => {
    for (const s of signals) process.off(s, stop);
  };
}
