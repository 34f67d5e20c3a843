// The reference run: the instructor's notebook (solutions and hidden tests) on a graded kernel, once,
// to get the expected value of every check. `assign` uses it to prove the source passes its own
// tests; `grade` runs it again on the grading machine, so expected values come from the same backend.
import { Assignment, referencePlan } from './plan';
import { SandboxOptions } from './sandbox';
import { runSession } from './session';
import { buildReference, Reference } from './verdict';

/** Limits of a reference run. */
export interface ReferenceOptions {
  sandbox: SandboxOptions;
  cellTimeoutMs: number;
}

/** Runs `a` as its own submission and returns its expected values; throws ReferenceFailure when it fails. */
export async function runReference(a: Assignment, opts: ReferenceOptions): Promise<Reference> {
  const plan = referencePlan(a);
  const session = await runSession(plan, {
    sandbox: opts.sandbox,
    cellTimeoutMs: opts.cellTimeoutMs,
    totalTimeoutMs: opts.cellTimeoutMs * Math.max(plan.length, 1),
    maxRestarts: 0,
    tensors: a.usesTensors,
  });
  return buildReference(a, plan, session);
}
