// `replearn hub install`: makes the kit this command runs from (installed once, e.g. /opt/replearn,
// read-only for users) available to every user of a Jupyter server: the "replearn" kernelspec under
// PREFIX/share/jupyter/kernels (Jupyter's system-wide data path when PREFIX is the server's Python
// prefix, /usr/local or /usr) and a `replearn` command under PREFIX/bin. Writes nothing else.
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../project';

/** Where and with which data to register the kit. */
export interface HubInstallOptions {
  prefix: string;
  /** The shared, read-only datasets folder the kernels read (REPLEARN_DATA). */
  dataDir?: string;
}

/** What the install did: each file written, or left as it was. */
export interface HubInstallReport {
  kit: string;
  kernelspec: string;
  command: string;
  changed: string[];
  unchanged: string[];
}

/** Something that must be fixed before the kit can be registered (one line). */
export class HubInstallError extends Error {
  override name = 'HubInstallError';
}

/** The kernel.json that starts the replearn kernel from `kit` (the same kernel `npm install` registers in the project). */
export function hubKernelSpec(kit: string, dataDir?: string): Record<string, unknown> {
  const kernel = path.join(kit, 'dist', 'lib', 'jupyter', 'kernel', 'main.js');
  return {
    argv: [process.execPath, kernel, '{connection_file}'],
    display_name: 'TypeScript — replearn',
    language: 'typescript',
    interrupt_mode: 'message',
    ...(dataDir ? { env: { REPLEARN_DATA: dataDir } } : {}),
    metadata: { replearn: { root: kit } },
  };
}

/** Registers the running kit under `prefix`; idempotent (a second run changes nothing). */
export function hubInstall(opts: HubInstallOptions): HubInstallReport {
  const kit = projectRoot();
  for (const need of ['dist/lib/index.js', 'dist/lib/jupyter/kernel/main.js', 'node_modules/replearn']) {
    if (!fs.existsSync(path.join(kit, need))) {
      throw new HubInstallError(`${path.join(kit, need)} is missing: run npm install in ${kit} first`);
    }
  }
  const prefix = path.resolve(opts.prefix);
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : undefined;
  if (dataDir && !fs.existsSync(dataDir)) throw new HubInstallError(`the data folder ${dataDir} does not exist`);
  const changed: string[] = [];
  const unchanged: string[] = [];
  const kernelDir = path.join(prefix, 'share', 'jupyter', 'kernels', 'replearn');
  const kernelspec = path.join(kernelDir, 'kernel.json');
  const text = JSON.stringify(hubKernelSpec(kit, dataDir), null, 2) + '\n';
  if (readOrNull(kernelspec) === text) unchanged.push(kernelspec);
  else {
    fs.mkdirSync(kernelDir, { recursive: true, mode: 0o755 });
    fs.writeFileSync(kernelspec, text, { mode: 0o644 });
    changed.push(kernelspec);
  }
  const command = path.join(prefix, 'bin', 'replearn');
  const target = path.join(kit, 'bin', 'replearn.js');
  const current = fs.lstatSync(command, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && fs.readlinkSync(command) === target) unchanged.push(command);
  else {
    if (current && !current.isSymbolicLink())
      throw new HubInstallError(`${command} exists and is not a link: move it away first`);
    fs.mkdirSync(path.dirname(command), { recursive: true, mode: 0o755 });
    if (current) fs.unlinkSync(command);
    fs.symlinkSync(target, command);
    changed.push(command);
  }
  return { kit, kernelspec, command, changed, unchanged };
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
