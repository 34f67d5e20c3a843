import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A TensorFlow C library on disk: the two shared objects tfjs-node links and the C API headers. */
export interface TensorflowLibrary {
  /** The library exporting the TF_* / TFE_* C API (libtensorflow.so.2, or a wheel's libtensorflow_cc.so.2). */
  capi: string;
  /** libtensorflow_framework.so.2. */
  framework: string;
  /** The folder holding tensorflow/c/c_api.h. */
  include: string;
  /** Where it came from, for the report. */
  source: string;
}

/** The TensorFlow version `install-native` downloads when nothing is installed (the one tested with tfjs-node 4.22). */
export const DEFAULT_TENSORFLOW_VERSION = '2.21.0';

/** The first of `names` that exists in `dir`, as an absolute path. */
function firstIn(dir: string, names: string[]): string | null {
  for (const name of names) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/**
 * Reads a folder as a TensorFlow C library: a libtensorflow tarball (lib/, include/) or a Python wheel's tensorflow/
 * package (libtensorflow_cc.so.2 + libtensorflow_framework.so.2 beside include/). Null when it is neither.
 */
export function libraryIn(dir: string, source: string): TensorflowLibrary | null {
  for (const libDir of [path.join(dir, 'lib'), dir]) {
    const capi = firstIn(libDir, ['libtensorflow.so.2', 'libtensorflow_cc.so.2']);
    const framework = firstIn(libDir, ['libtensorflow_framework.so.2']);
    const include = [path.join(dir, 'include'), path.join(libDir, 'include')].find((d) =>
      fs.existsSync(path.join(d, 'tensorflow/c/c_api.h')),
    );
    if (capi && framework && include) return { capi, framework, include, source };
  }
  return null;
}

/** The tensorflow package folder of a Python that has it installed (found without importing it: that takes ~10 s). */
export function pythonTensorflowDir(python: string): string | null {
  try {
    const out = execFileSync(
      python,
      [
        '-c',
        'import importlib.util as u; s = u.find_spec("tensorflow"); print(s.submodule_search_locations[0] if s else "")',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30000 },
    ).trim();
    return out || null;
  } catch {
    return null;
  }
}
