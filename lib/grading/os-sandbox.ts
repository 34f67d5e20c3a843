// The operating-system sandbox of a graded kernel, built with bubblewrap (bwrap): its own user, pid,
// network, IPC, UTS and mount namespaces, no /proc, no network, a read-only view of only the runtime,
// the library and the data, and OS resource limits (prlimit) on top of the grader's own watchdogs.
// It wraps any kernel argv, so it does not depend on which kernel implementation runs inside.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What the sandbox lets a kernel see. */
export interface SandboxMounts {
  /** Folders and files shown read-only, at the same paths as outside. */
  readOnly: string[];
  /** Folders shown writable (the kernel's own socket folder: it binds its sockets there). */
  writable: string[];
  /** The folder the kernel runs in (its HOME and TMPDIR), shown read-only: its node_modules link is all it holds. */
  workDir: string;
}

/** OS limits of the sandboxed process tree. */
export interface SandboxLimits {
  /** CPU seconds (RLIMIT_CPU): a spinning kernel is killed by the OS even if every watchdog failed. */
  cpuSeconds: number;
  /** Largest file the kernel may write (RLIMIT_FSIZE, bytes). */
  fileBytes: number;
  /** Open files (RLIMIT_NOFILE). */
  openFiles: number;
}

/** Defaults: an hour of CPU, 1 MiB files, 1024 descriptors. */
export const DEFAULT_LIMITS: SandboxLimits = { cpuSeconds: 3600, fileBytes: 1 << 20, openFiles: 1024 };

/** The bwrap mount arguments for `m`: system libraries, then exactly the listed paths. */
export function mountArgs(m: SandboxMounts): string[] {
  const args: string[] = [];
  for (const dir of ['/usr', '/bin', '/lib', '/lib64', '/lib32', '/libx32', '/sbin']) {
    const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!stat) continue;
    // On merged-/usr systems /lib is a link into /usr: the same link inside.
    if (stat.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  for (const file of ['/etc/ld.so.cache', '/etc/localtime', '/etc/alpine-release'])
    if (fs.existsSync(file)) args.push('--ro-bind', file, file);
  // A node binary outside /usr (nvm, a tarball) and the libraries beside it.
  const nodeHome = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  if (!nodeHome.startsWith('/usr')) args.push('--ro-bind', nodeHome, nodeHome);
  // TensorFlow reads /proc/self/exe: a procfs of the sandbox's own pid namespace (its processes only).
  args.push('--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp');
  for (const p of unique(m.readOnly)) if (fs.existsSync(p)) args.push('--ro-bind', p, p);
  for (const p of unique(m.writable)) args.push('--bind', p, p);
  args.push('--ro-bind', m.workDir, m.workDir, '--remount-ro', '/tmp', '--chdir', m.workDir);
  return args;
}

/** `argv` run inside the sandbox: prlimit's limits, then bwrap's namespaces and `mounts`. */
export function sandboxArgv(argv: string[], mounts: string[], limits: SandboxLimits = DEFAULT_LIMITS): string[] {
  return [
    prlimitPath(),
    `--cpu=${Math.ceil(limits.cpuSeconds)}`,
    `--fsize=${limits.fileBytes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
    '--',
    bwrapPath(),
    '--unshare-all',
    '--unshare-user',
    '--uid',
    '65534',
    '--gid',
    '65534',
    '--hostname',
    'grading',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    ...mounts,
    '--',
    ...argv,
  ];
}

let checked: string | null | undefined;

/**
 * Null when bwrap can build a sandbox here, else one line saying what to install or enable. Tried
 * once per process: an actual `bwrap ... true` with the namespaces the grader uses.
 */
export function sandboxProblem(): string | null {
  if (checked !== undefined) return checked;
  try {
    bwrapPath();
    prlimitPath();
  } catch (e) {
    return (checked = (e as Error).message);
  }
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-probe-'));
  try {
    execFileSync(
      bwrapPath(),
      [
        '--unshare-all',
        '--unshare-user',
        '--die-with-parent',
        ...mountArgs({ readOnly: [], writable: [], workDir: probeDir }),
        '--',
        'true',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 },
    );
    checked = null;
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')[0];
    checked =
      `bubblewrap cannot create the grading sandbox here (${stderr || (e as Error).message}): ` +
      'allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, ' +
      'or kernel.apparmor_restrict_unprivileged_userns=0) or run in a container that permits them, ' +
      'or pass --no-sandbox for a trusted run (unsafe)';
  } finally {
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
  return checked;
}

function bwrapPath(): string {
  return findTool(
    'bwrap',
    'the grading sandbox needs bubblewrap: install it (Debian/Ubuntu: apt-get install bubblewrap), or pass --no-sandbox for a trusted run (unsafe)',
  );
}

function prlimitPath(): string {
  return findTool('prlimit', 'the grading sandbox needs prlimit (Debian/Ubuntu: apt-get install util-linux)');
}

function findTool(name: string, missing: string): string {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  throw new Error(missing);
}

function unique(paths: string[]): string[] {
  return [...new Set(paths.filter((p) => p !== '').map((p) => path.resolve(p)))];
}
