import { compareWithCpu } from '../native/check';
import { installNative } from '../native/install';
import { initBackend } from '../backend/select';
import { projectRoot } from '../project';
import { commandArgs, UsageError } from './args';

const USAGE = `usage: replearn backend [status]
       replearn backend install-native [--from DIR] [--python PY] [--tf-version V] [--tfjs-node-dir DIR]
       replearn backend check [--backend tensorflow|wasm]
  status          which backend initBackend() picks here, and why
  install-native  build tfjs-node's binding against a TensorFlow C library: DIR (or REPLEARN_TF_DIR), a Python's
                  installed tensorflow, else the tensorflow-cpu wheel downloaded with pip (kept in node_modules/.cache)
  check           run the lessons' ops on a backend and on cpu and compare (exit 1 on any mismatch)`;

/** `replearn backend …`: report, build or check the tfjs backend. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(
    args,
    {
      from: { type: 'string' },
      python: { type: 'string' },
      'tf-version': { type: 'string' },
      'tfjs-node-dir': { type: 'string' },
      backend: { type: 'string' },
    },
    USAGE,
  );
  const [action = 'status', ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`, USAGE);
  if (action === 'status') {
    await initBackend();
    return 0;
  }
  if (action === 'install-native') {
    installNative(projectRoot(), {
      from: values.from,
      python: values.python,
      version: values['tf-version'],
      tfjsNodeDir: values['tfjs-node-dir'],
    });
    console.log('done: initBackend() now picks tfjs-node; `npx replearn backend check` compares it with cpu');
    return 0;
  }
  if (action === 'check') {
    const info = await initBackend({
      prefer:
        values.backend === 'wasm'
          ? 'wasm'
          : values.backend === 'cpu'
            ? 'cpu'
            : values.backend
              ? 'tensorflow'
              : undefined,
    });
    const rows = await compareWithCpu(info.name);
    for (const r of rows)
      console.log(
        `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(30)} ${Number.isFinite(r.error) ? r.error.toExponential(1) : ''}${r.failure ? ` ${r.failure}` : ''}`,
      );
    const bad = rows.filter((r) => !r.ok).length;
    console.log(`${info.name}: ${rows.length - bad}/${rows.length} ops agree with cpu`);
    return bad ? 1 : 0;
  }
  throw new UsageError(`unknown action "${action}"`, USAGE);
}
