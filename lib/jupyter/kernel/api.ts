// What library and cell code can ask of the replearn kernel. Safe to import anywhere: outside a kernel the
// calls do nothing (comm targets are kept until a kernel starts in this process).

/**
 * The display hook: an object whose `[JUPYTER_DISPLAY]()` returns a MIME bundle (e.g. `{ 'text/html': … }`,
 * or a promise of one) is shown by that bundle when it is a cell's last value. Same symbol as Deno's kernel.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/** A comm: one end of a custom message channel between the kernel and the front end. */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  /** Sends comm_msg with `data` to the front end. */
  send(data: Record<string, unknown>, buffers?: Buffer[]): void;
  /** Sends comm_close and forgets the comm. */
  close(data?: Record<string, unknown>): void;
  /** Called for each comm_msg from the front end. */
  onMessage(handler: (data: Record<string, unknown>, buffers: Buffer[]) => void): void;
  /** Called when the front end closes the comm. */
  onClose(handler: (data: Record<string, unknown>) => void): void;
}

/** Called when the front end opens a comm to a registered target, with the open message's data. */
export type CommTargetHandler = (comm: Comm, data: Record<string, unknown>) => void;

/** What a running kernel installs for this module (see kernel.ts). */
export interface KernelHooks {
  openComm(targetName: string, data: Record<string, unknown>): Comm;
  clearOutput(wait: boolean): void;
  display(value: unknown): Promise<void>;
}

interface Registry {
  targets: Map<string, CommTargetHandler>;
  kernel?: KernelHooks;
}

const REGISTRY = Symbol.for('replearn.jupyter.kernel');

/** The process-wide registry (a global: several copies of the library share one kernel). */
export function kernelRegistry(): Registry {
  const g = globalThis as unknown as { [REGISTRY]?: Registry };
  g[REGISTRY] ??= { targets: new Map() };
  return g[REGISTRY];
}

/** Routes comm_open requests for `targetName` to `handler` (replaces an earlier handler of that name). */
export function registerCommTarget(targetName: string, handler: CommTargetHandler): void {
  kernelRegistry().targets.set(targetName, handler);
}

/** Removes the handler of `targetName`. */
export function unregisterCommTarget(targetName: string): void {
  kernelRegistry().targets.delete(targetName);
}

/** Opens a comm from the kernel side; undefined outside a kernel. */
export function openComm(targetName: string, data: Record<string, unknown> = {}): Comm | undefined {
  return kernelRegistry().kernel?.openComm(targetName, data);
}

/** Clears the running cell's output (`wait`: when the next output arrives, as Jupyter's clear_output). */
export function clearOutput(wait = false): void {
  kernelRegistry().kernel?.clearOutput(wait);
}

/** Shows `value` as a display_data output, rendered as a cell's last value would be. */
export async function display(value: unknown): Promise<void> {
  await kernelRegistry().kernel?.display(value);
}
