/** Where a custom training loop reports progress: viz's createProgress() fits, and so does a plain logger. */
export interface ProgressSink {
  update(done: number, metrics?: Record<string, number>): void;
  finish(): void;
}
