import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildBinding } from './build';
import { downloadTensorflowWheel } from './download';
import { DEFAULT_TENSORFLOW_VERSION, libraryIn, pythonTensorflowDir, type TensorflowLibrary } from './location';

/** Options of {@link installNative}. */
export interface InstallNativeOptions {
  /** A folder holding a TensorFlow C library (libtensorflow tarball or a wheel's tensorflow/); else REPLEARN_TF_DIR. */
  from?: string;
  /** Python used to look for an installed tensorflow and to download the wheel (default: the project's .venv, then python3). */
  python?: string;
  /** tensorflow-cpu version to download when none is found. */
  version?: string;
  /** The tfjs-node package to build (default: the one this project resolves). */
  tfjsNodeDir?: string;
  /** Where downloads are kept (default node_modules/.cache/replearn-native under the project). */
  cacheDir?: string;
  log?: (line: string) => void;
}

/** What {@link installNative} did. */
export interface InstallNativeResult {
  library: TensorflowLibrary;
  binding: string;
}

function pythons(projectRoot: string, explicit?: string): string[] {
  if (explicit) return [explicit];
  return [path.join(projectRoot, '.venv/bin/python'), 'python3'].filter((p) => !p.includes('/') || fs.existsSync(p));
}

/** Finds a TensorFlow C library: the folder given, REPLEARN_TF_DIR, a Python's installed tensorflow, else the wheel. */
export function locateTensorflow(projectRoot: string, options: InstallNativeOptions): TensorflowLibrary {
  const log = options.log ?? (() => undefined);
  const given = options.from ?? process.env.REPLEARN_TF_DIR;
  if (given) {
    const lib = libraryIn(path.resolve(given), `folder ${given}`);
    if (!lib)
      throw new Error(
        `${given} holds no TensorFlow C library: expected libtensorflow.so.2 (or libtensorflow_cc.so.2), libtensorflow_framework.so.2 and include/tensorflow/c/c_api.h, directly or under lib/`,
      );
    return lib;
  }
  const candidates = pythons(projectRoot, options.python);
  for (const python of candidates) {
    const dir = pythonTensorflowDir(python);
    const lib = dir ? libraryIn(dir, `tensorflow installed for ${python} (${dir})`) : null;
    if (lib) return lib;
  }
  if (candidates.length === 0)
    throw new Error(
      'no TensorFlow C library found and no Python to download one with: give --from DIR or set REPLEARN_TF_DIR',
    );
  const cache = options.cacheDir ?? path.join(projectRoot, 'node_modules/.cache/replearn-native');
  return downloadTensorflowWheel(candidates[0], options.version ?? DEFAULT_TENSORFLOW_VERSION, cache, log);
}

/** Loads the built binding in a fresh node and returns its line of output (or throws with its stderr). */
function verify(tfjsNodeDir: string, projectRoot: string): string {
  const script = `process.env.TF_CPP_MIN_LOG_LEVEL = '3';
    const tf = require(${JSON.stringify(tfjsNodeDir)});
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    console.log('tfjs-node loads; backend ' + tf.getBackend() + ', [[1,2],[3,4]]^2 = ' + JSON.stringify(tf.matMul(a, a).arraySync()));`;
  // NODE_PATH: a tfjs-node outside the project (--tfjs-node-dir) still finds the project's @tensorflow/tfjs.
  const nodePath = [path.join(projectRoot, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  const child = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, NODE_PATH: nodePath },
  });
  if (child.status !== 0)
    throw new Error(`the built binding does not load:\n${child.stderr.trim().split('\n').slice(-5).join('\n')}`);
  return child.stdout.trim().split('\n').pop() ?? '';
}

/**
 * Builds @tensorflow/tfjs-node's native binding against a TensorFlow C library found on this machine or unpacked from
 * the tensorflow-cpu wheel on PyPI (tfjs-node's own download, from Google's storage, answers 403), then checks it loads.
 */
export function installNative(projectRoot: string, options: InstallNativeOptions = {}): InstallNativeResult {
  const log = options.log ?? ((line: string) => console.log(line));
  const tfjsNodeDir =
    options.tfjsNodeDir ??
    path.dirname(require.resolve('@tensorflow/tfjs-node/package.json', { paths: [projectRoot] }));
  const library = locateTensorflow(projectRoot, { ...options, log });
  log(`TensorFlow C library: ${library.source}`);
  const binding = buildBinding(tfjsNodeDir, library, log);
  log(verify(tfjsNodeDir, projectRoot));
  return { library, binding };
}
