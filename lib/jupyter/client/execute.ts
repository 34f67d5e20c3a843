import { errorFromExit, errorFromReply, KernelError } from './errors';
import { KernelLink } from './link';
import {
  createOutputCollector,
  DisplayDataOutput,
  DisplayUpdate,
  ExecuteResultOutput,
  NotebookOutput,
  truncationNote,
} from './outputs';
import { KernelExit } from './process';
import { raceTimer } from './timing';
import { executeRequestContent, JupyterMessage } from './wire';

/** Per-call execute options. */
export interface ExecuteOptions {
  /** Interrupt the cell after this long (default: no limit). */
  timeoutMs?: number;
  /** After the interrupt, how long to wait for the kernel before killing it (default 5 s). */
  interruptGraceMs?: number;
  /** Sees each iopub message of this execution as it arrives (live progress). */
  onMessage?: (msg: JupyterMessage) => void;
}

/** 'ok'; 'error' (the cell failed, kernel alive); 'timeout' (interrupted, or killed when it did not stop); 'dead' (the kernel ended). */
export type ExecuteStatus = 'ok' | 'error' | 'timeout' | 'dead';

/** The outcome of one execute. */
export interface ExecuteResult {
  status: ExecuteStatus;
  /** What the kernel's execute_reply said (absent when none came). */
  replyStatus?: string;
  executionCount: number | null;
  /** nbformat outputs, consecutive stream writes merged, display updates applied. */
  outputs: NotebookOutput[];
  /** Set whenever status is not 'ok'. */
  error?: KernelError;
  /** This cell's rich outputs by display_id. */
  displays: ReadonlyMap<string, (DisplayDataOutput | ExecuteResultOutput)[]>;
  /** display_id updates for outputs of earlier executions. */
  foreignUpdates: DisplayUpdate[];
  /** Output beyond maxOutputBytes was dropped (a note ends the outputs). */
  truncated: boolean;
  durationMs: number;
  /** How the kernel ended, when it did during this call. */
  exit?: KernelExit;
}

// The idle status normally follows the reply at once; do not hang if it was lost.
const IDLE_AFTER_REPLY_MS = 5000;

/** Sends one execute_request and collects its outputs until reply + idle, the timeout, or the kernel's end. */
export async function executeCell(
  link: KernelLink,
  code: string,
  opts: ExecuteOptions,
  maxOutputBytes: number,
  interrupt: () => Promise<void>,
): Promise<ExecuteResult> {
  const { proc } = link;
  const started = Date.now();
  const collector = createOutputCollector(maxOutputBytes);
  const finish = (status: ExecuteStatus, extra: Partial<ExecuteResult>): ExecuteResult => {
    const outputs = [...collector.outputs];
    if (collector.truncated()) outputs.push(truncationNote(maxOutputBytes));
    return {
      status,
      executionCount: null,
      outputs,
      displays: collector.displays,
      foreignUpdates: collector.foreignUpdates,
      truncated: collector.truncated(),
      durationMs: Date.now() - started,
      ...extra,
    };
  };
  const dead = async (extra: Partial<ExecuteResult> = {}): Promise<ExecuteResult> => {
    const exit = await proc.exited;
    return finish('dead', { error: errorFromExit(exit), exit, ...extra });
  };
  if (!proc.isAlive()) return dead();

  const msg = link.message('execute_request', executeRequestContent(code));
  const id = msg.header.msg_id;
  let reply: JupyterMessage | undefined;
  let idle = false;
  let settle: () => void = () => undefined;
  const completed = new Promise<'done'>((resolve) => (settle = () => resolve('done')));
  link.listenIopub(id, (m) => {
    if (m.header.msg_type === 'status') {
      if (m.content.execution_state !== 'idle') return;
      idle = true;
      if (reply) settle();
      return;
    }
    collector.add(m);
    opts.onMessage?.(m);
  });
  link.expectReply(id, (r) => {
    reply = r;
    if (idle) settle();
    else setTimeout(settle, IDLE_AFTER_REPLY_MS).unref();
  });
  if (!(await link.send('shell', msg))) {
    link.forget(id);
    return dead();
  }

  const died = proc.exited.then(() => 'dead' as const);
  let outcome = await raceTimer<'done' | 'dead', 'timeout'>([completed, died], opts.timeoutMs, 'timeout');
  let killed = false;
  if (outcome === 'timeout') {
    await interrupt();
    const after = await raceTimer<'done' | 'dead', 'stuck'>([completed, died], opts.interruptGraceMs ?? 5000, 'stuck');
    if (after === 'stuck') {
      killed = true;
      proc.kill();
      await proc.exited;
    } else if (after === 'dead') {
      outcome = 'dead';
    }
  }
  link.forget(id);
  const executionCount = typeof reply?.content.execution_count === 'number' ? reply.content.execution_count : null;
  const replyStatus = typeof reply?.content.status === 'string' ? reply.content.status : undefined;
  if (outcome === 'dead') return dead({ executionCount, replyStatus });
  if (outcome === 'timeout') {
    const seconds = (opts.timeoutMs ?? 0) / 1000;
    const evalue = killed
      ? `the cell ran past ${seconds} s and ignored the interrupt: the kernel was killed`
      : `the cell ran past ${seconds} s and was interrupted`;
    const exit = killed ? await proc.exited : undefined;
    return finish('timeout', { error: { ename: 'Timeout', evalue, traceback: [] }, executionCount, replyStatus, exit });
  }
  const error = cellError(reply, collector.outputs);
  return finish(error ? 'error' : 'ok', { error, executionCount, replyStatus });
}

/** Why a finished cell failed, if it did: its `error` output (the kernel's error message), else the reply. */
function cellError(reply: JupyterMessage | undefined, outputs: NotebookOutput[]): KernelError | undefined {
  for (const o of outputs)
    if (o.output_type === 'error') return { ename: o.ename, evalue: o.evalue, traceback: o.traceback };
  return reply ? errorFromReply(reply.content) : undefined;
}
