import { executeCell, ExecuteOptions, ExecuteResult } from './execute';
import { KernelSpec, readKernelSpec } from './kernelspec';
import { KernelExit } from './process';
import { launchKernel, StartKernelOptions } from './startup';
import { raceTimer } from './timing';
import { JsonObject } from './wire';

/** A running kernel. */
export interface KernelClient {
  readonly pid: number;
  readonly spec: KernelSpec;
  /** The kernel_info_reply content. */
  readonly info: JsonObject;
  /** Milliseconds from spawn to the first kernel_info reply. */
  readonly startupMs: number;
  /** Resolves when the kernel process ends. */
  readonly exited: Promise<KernelExit>;
  isAlive(): boolean;
  /** Runs `code`; never rejects for a failing cell (see ExecuteResult.status). One call at a time. */
  execute(code: string, opts?: ExecuteOptions): Promise<ExecuteResult>;
  /** SIGINT, or interrupt_request when the kernelspec says interrupt_mode "message". */
  interrupt(): Promise<void>;
  /** Asks the kernel to stop, kills it after `timeoutMs` (default 5 s); the connection file goes with it. */
  shutdown(timeoutMs?: number): Promise<KernelExit>;
  /** SIGKILL to the kernel's process group. */
  kill(): void;
}

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

/** Starts a kernel from its kernelspec and waits until it answers kernel_info on shell and iopub. */
export async function startKernel(opts: StartKernelOptions = {}): Promise<KernelClient> {
  const spec = readKernelSpec(opts.name ?? 'replearn', opts.kernelDirs);
  const { link, info, startupMs } = await launchKernel(spec, opts);
  const { proc } = link;
  const maxOutputBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  let busy = false;

  const interrupt = async (): Promise<void> => {
    if (!proc.isAlive()) return;
    if (spec.interrupt_mode === 'message') await link.request('control', 'interrupt_request', {}, 5000);
    else proc.signal('SIGINT');
  };
  return {
    pid: proc.pid,
    spec,
    info,
    startupMs,
    exited: proc.exited,
    isAlive: () => proc.isAlive(),
    interrupt,
    async execute(code, execOpts = {}) {
      if (busy) throw new Error('KernelClient.execute: another execute is still running');
      busy = true;
      try {
        return await executeCell(link, code, execOpts, maxOutputBytes, interrupt);
      } finally {
        busy = false;
      }
    },
    async shutdown(timeoutMs = 5000) {
      if (proc.isAlive()) {
        await link.request('control', 'shutdown_request', { restart: false }, timeoutMs);
        const ended = await raceTimer([proc.exited], timeoutMs, undefined);
        if (!ended) proc.kill();
      }
      return proc.exited;
    },
    kill: () => proc.kill(),
  };
}
