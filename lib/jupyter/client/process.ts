import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';

/** How a kernel process ended. */
export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** V8 ran out of heap, or the resident-memory watchdog killed it. */
  outOfMemory: boolean;
  /** The last lines the process wrote to its own stderr (not to iopub). */
  stderrTail: string;
}

/** What to launch and how. */
export interface KernelProcessOptions {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Kill the kernel when its resident set passes this many MiB (polled from /proc). */
  rssLimitMb?: number;
  /**
   * The command is a wrapper (a sandbox) whose descendants are the kernel: signals such as SIGINT go
   * to the innermost processes, and the resident set counted is the whole tree's.
   */
  wrapped?: boolean;
}

/** A running kernel process. */
export interface KernelProcess {
  readonly pid: number;
  /** Resolves once, when the process has ended. */
  readonly exited: Promise<KernelExit>;
  isAlive(): boolean;
  signal(sig: NodeJS.Signals): void;
  /** SIGKILL to the kernel's whole process group. */
  kill(): void;
  /** The process's own stderr so far (last few KiB). */
  stderrTail(): string;
}

const TAIL_BYTES = 16 * 1024;
const RSS_POLL_MS = 250;
const OOM_PATTERN = /JavaScript heap out of memory|Reached heap limit|Allocation failed/;
const live = new Set<KernelProcess>();
let exitHookInstalled = false;

/** Kills every kernel this process started that is still running (call from signal handlers). */
export function killAllKernels(): void {
  for (const k of live) k.kill();
}

/** Spawns the kernel in its own process group, so a runaway kernel and its children can be killed together. */
export function spawnKernel(opts: KernelProcessOptions): KernelProcess {
  installExitHook();
  const [command, ...args] = opts.argv;
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  child.stderr?.on('data', keep);
  child.stdout?.on('data', keep);
  let alive = true;
  let killedForMemory = false;
  const watchdog =
    opts.rssLimitMb === undefined
      ? undefined
      : startRssWatchdog(child, opts.rssLimitMb, opts.wrapped === true, () => {
          killedForMemory = true;
          proc.kill();
        });
  const exited = new Promise<KernelExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (!alive) return;
      alive = false;
      live.delete(proc);
      if (watchdog) clearInterval(watchdog);
      resolve({ code, signal, outOfMemory: killedForMemory || OOM_PATTERN.test(tail), stderrTail: tail });
    };
    child.once('exit', finish);
    child.once('error', (err) => {
      tail += `\n${err.message}`;
      finish(null, null);
    });
  });
  const proc: KernelProcess = {
    pid: child.pid ?? -1,
    exited,
    isAlive: () => alive,
    signal(sig) {
      if (!alive || child.pid === undefined) return;
      if (!opts.wrapped) return void child.kill(sig);
      for (const pid of leaves(child.pid)) signalPid(pid, sig);
    },
    kill() {
      if (!alive || child.pid === undefined) return;
      // A sandbox starts its own session: its processes are not in our group, so they are named too.
      const inside = opts.wrapped ? descendants(child.pid) : [];
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      for (const pid of inside) signalPid(pid, 'SIGKILL');
    },
    stderrTail: () => tail,
  };
  if (child.pid !== undefined) live.add(proc);
  return proc;
}

function startRssWatchdog(child: ChildProcess, limitMb: number, tree: boolean, onExceeded: () => void): NodeJS.Timeout {
  const timer = setInterval(() => {
    const pid = child.pid;
    const rss =
      pid === undefined ? 0 : (tree ? [pid, ...descendants(pid)] : [pid]).reduce((t, p) => t + residentMb(p), 0);
    if (rss > limitMb) onExceeded();
  }, RSS_POLL_MS);
  timer.unref();
  return timer;
}

/** Resident set size of `pid` in MiB (0 where /proc is unavailable). */
export function residentMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every process below `root` (parents read from /proc/<pid>/stat; empty where /proc is unavailable). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields restart after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* it ended meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The processes below `root` that have no children of their own (the kernel inside a sandbox). */
function leaves(root: number): number[] {
  const below = descendants(root);
  return below.filter((pid) => descendants(pid).length === 0);
}

function signalPid(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Kernels live in their own process groups: nothing else would stop them when we exit.
  process.on('exit', killAllKernels);
}
