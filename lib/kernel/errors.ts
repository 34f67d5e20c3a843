import { KernelExit } from './process';

/** A cell failure in nbformat's terms. */
export interface KernelError {
  ename: string;
  evalue: string;
  traceback: string[];
}

// tslab prints TypeScript diagnostics as "[file ]LINE:COL - message".
const DIAGNOSTIC = /^(?:\S+ )?\d+:\d+ - .+/;
// util.inspect of an Error starts "Name: message" or "Name [CODE]: message"; tslab's handlers add a prefix.
const ERROR_LINE =
  /^(?:Uncaught |UncaughtException: |UnhandledPromiseRejection: )?([A-Za-z_$][\w$]*)(?: \[[^\]]*\])?: (.*)$/;
// tslab's process-wide handlers: failures that escaped the cell's own promise chain.
const UNCAUGHT = /^(UncaughtException|UnhandledPromiseRejection):\s*([\s\S]*)$/;

/**
 * The error behind a failed tslab execution, read from what the cell wrote to stderr: tslab sends no
 * `error` message (no ename/evalue), it prints the exception or the compiler diagnostics with console.error.
 */
export function errorFromStderr(stderrChunks: readonly string[]): KernelError {
  const text = stderrChunks.join('');
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const diagnostics = lines.filter((l) => DIAGNOSTIC.test(l));
  if (diagnostics.length > 0) {
    return { ename: 'CompileError', evalue: diagnostics.join('\n'), traceback: diagnostics };
  }
  // The exception is the last thing the cell wrote: read the last write, not earlier warnings.
  const last = [...stderrChunks].reverse().find((c) => c.trim() !== '') ?? '';
  const traceback = last
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
  const named = errorLine(traceback);
  if (named) return { ...named, traceback };
  if (traceback.length === 0) return { ename: 'Error', evalue: 'the cell failed without an error message', traceback };
  // A thrown non-Error value prints as itself.
  return {
    ename: 'Error',
    evalue: traceback[0].trim().replace(/^(UncaughtException|UnhandledPromiseRejection):\s*/, ''),
    traceback,
  };
}

/** The "Name: message" line of a printed exception; Node prefixes sync throws with the source line and a caret. */
function errorLine(lines: readonly string[]): { ename: string; evalue: string } | undefined {
  const parsed = lines.map((l) => ERROR_LINE.exec(l.trim())).filter((m): m is RegExpExecArray => m !== null);
  const best = parsed.find((m) => /(Error|Exception)$/.test(m[1])) ?? parsed[0];
  return best ? { ename: best[1], evalue: best[2] } : undefined;
}

/** An exception or rejection that escaped the cell (tslab reports them on stderr and still replies "ok"). */
export function uncaughtFromStderr(stderrChunks: readonly string[]): KernelError | undefined {
  for (const chunk of stderrChunks) {
    const m = UNCAUGHT.exec(chunk.trimStart());
    if (!m) continue;
    const inner = errorFromStderr([m[2]]);
    return {
      ename: m[1],
      evalue: `${inner.ename}: ${inner.evalue}`,
      traceback: chunk.split('\n').filter((l) => l.trim() !== ''),
    };
  }
  return undefined;
}

/** The error reported for a cell during which the kernel process ended. */
export function errorFromExit(exit: KernelExit): KernelError {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const tail = exit.stderrTail
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-20);
  if (exit.outOfMemory)
    return { ename: 'OutOfMemory', evalue: `the kernel ran out of memory and ${how}`, traceback: tail };
  return { ename: 'KernelDied', evalue: `the kernel ${how}`, traceback: tail };
}
