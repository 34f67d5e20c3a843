import { KernelExit } from './process';

/** A cell failure in nbformat's terms. */
export interface KernelError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The error an execute_reply reports when no `error` output came with it ('ok' replies: none). */
export function errorFromReply(content: Record<string, unknown>): KernelError | undefined {
  const status = content.status;
  if (status === 'aborted' || status === 'abort')
    return { ename: 'Aborted', evalue: 'the kernel aborted this execution', traceback: [] };
  if (status !== 'error') return undefined;
  return {
    ename: typeof content.ename === 'string' ? content.ename : 'Error',
    evalue: typeof content.evalue === 'string' ? content.evalue : 'the cell failed without an error message',
    traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
  };
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
