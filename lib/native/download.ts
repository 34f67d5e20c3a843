import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { libraryIn, type TensorflowLibrary } from './location';

/** Members of the tensorflow-cpu wheel that building and loading tfjs-node's binding needs (of its 1.1 GB). */
const WHEEL_MEMBERS = [
  'tensorflow/libtensorflow_cc.so.2',
  'tensorflow/libtensorflow_framework.so.2',
  'tensorflow/include/tensorflow/c/',
  'tensorflow/include/tensorflow/core/platform/',
  'tensorflow/include/tsl/platform/',
  'tensorflow/include/xla/tsl/c/',
];

const EXTRACT = `
import sys, zipfile
wheel, dest, *prefixes = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if any(n == p or (p.endswith('/') and n.startswith(p)) for p in prefixes)]
    z.extractall(dest, names)
print(len(names))
`;

/**
 * Downloads the tensorflow-cpu wheel with pip (no dependencies, nothing installed) into `cacheDir` and unpacks the
 * C library and headers from it. PyPI is reachable where Google's storage (tfjs-node's own download) is not.
 */
export function downloadTensorflowWheel(
  python: string,
  version: string,
  cacheDir: string,
  log: (line: string) => void,
): TensorflowLibrary {
  const unpacked = path.join(cacheDir, `tensorflow-cpu-${version}`);
  const ready = libraryIn(path.join(unpacked, 'tensorflow'), `tensorflow-cpu ${version} wheel (cached in ${unpacked})`);
  if (ready) return ready;
  const wheels = path.join(cacheDir, 'wheels');
  fs.mkdirSync(wheels, { recursive: true });
  log(`downloading tensorflow-cpu==${version} with ${python} -m pip (≈275 MB, no dependencies)…`);
  execFileSync(
    python,
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '-d', wheels, `tensorflow-cpu==${version}`],
    { stdio: 'inherit' },
  );
  const wheel = fs.readdirSync(wheels).find((f) => f.startsWith(`tensorflow_cpu-${version}-`) && f.endsWith('.whl'));
  if (!wheel) throw new Error(`pip reported success but no tensorflow_cpu-${version} wheel is in ${wheels}`);
  log(`unpacking the C library and headers from ${wheel}…`);
  execFileSync(python, ['-c', EXTRACT, path.join(wheels, wheel), unpacked, ...WHEEL_MEMBERS], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const lib = libraryIn(path.join(unpacked, 'tensorflow'), `tensorflow-cpu ${version} wheel (cached in ${unpacked})`);
  fs.rmSync(path.join(wheels, wheel)); // what is needed is unpacked: the other 0.3 GB would only sit there
  if (!lib)
    throw new Error(`${wheel} holds no libtensorflow_cc.so.2 / libtensorflow_framework.so.2 / include/tensorflow/c`);
  return lib;
}
