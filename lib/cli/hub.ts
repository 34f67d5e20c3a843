import { HubInstallError, hubInstall } from '../hub';
import { commandArgs, UsageError } from './args';

const USAGE = `usage: replearn hub install --prefix DIR [--data DIR]
  Registers this installed kit (read-only for users) with every user of a Jupyter server: the
  "replearn" kernelspec under DIR/share/jupyter/kernels and the replearn command as DIR/bin/replearn.
  DIR: the prefix Jupyter searches system-wide - the hub's Python prefix (The Littlest JupyterHub:
  /opt/tljh/user), /usr/local or /usr. Run it again after updating the kit; it changes only what differs.
  --prefix  where to register (required)
  --data    the shared datasets folder the kernels read (default: REPLEARN_DATA now, if set)`;

const OPTIONS = {
  prefix: { type: 'string' },
  data: { type: 'string' },
} as const;

/** `replearn hub install`: 0 when registered, 1 when the kit or the folders are not ready, 2 for usage. */
export function run(args: string[]): number {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  if (positionals.length !== 1 || positionals[0] !== 'install')
    throw new UsageError(
      positionals[0] ? `unknown action "${positionals.join(' ')}"` : 'name an action: install',
      USAGE,
    );
  if (!values.prefix) throw new UsageError('--prefix DIR is required', USAGE);
  const dataDir = values.data ?? process.env.REPLEARN_DATA?.split(':')[0];
  try {
    const r = hubInstall({ prefix: values.prefix, dataDir: dataDir || undefined });
    for (const f of r.changed) console.log(`wrote     ${f}`);
    for (const f of r.unchanged) console.log(`unchanged ${f}`);
    console.log(`kit: ${r.kit}${dataDir ? `, data: ${dataDir}` : ' (no shared data folder: pass --data DIR)'}`);
    console.log('each user: replearn lessons copy ~/lessons   (or run it from the spawner start hook)');
    return 0;
  } catch (e) {
    if (!(e instanceof HubInstallError) && (e as NodeJS.ErrnoException).code === undefined) throw e;
    console.error(`replearn hub install: ${(e as Error).message}`);
    return 1;
  }
}
