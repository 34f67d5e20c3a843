import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { TensorflowLibrary } from './location';

/** N-API version of the binding tfjs-node 4.22 loads (lib/napi-v8/tfjs_binding.node). */
const NAPI_VERSION = 8;

/** npm's bundled node-gyp, beside the running node (no download needed). */
export function findNodeGyp(): string {
  const candidates = [
    path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/share/nodejs/node-gyp/bin/node-gyp.js',
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found)
    throw new Error(`node-gyp not found (looked in ${candidates.join(', ')}); install it with npm install -g node-gyp`);
  return found;
}

/** Node's headers already on disk (Debian's nodejs-dev puts them in /usr/include/node), so node-gyp need not download them. */
function localNodeDir(): string | null {
  for (const dir of [path.join(path.dirname(process.execPath), '..'), '/usr']) {
    if (fs.existsSync(path.join(dir, 'include/node/node_api.h'))) return path.resolve(dir);
  }
  return null;
}

function link(target: string, at: string): void {
  fs.rmSync(at, { force: true, recursive: true });
  fs.symlinkSync(target, at);
}

/**
 * Points tfjs-node's deps/ at the library (symlinks: the wheel's libraries are 850 MB) — with the link names its
 * binding.gyp asks for (-ltensorflow -ltensorflow_framework) and the sonames the loader then looks up — and builds
 * lib/napi-v8/tfjs_binding.node with node-gyp. Its install script skips its own (dead) download once deps/lib exists.
 */
export function buildBinding(tfjsNodeDir: string, lib: TensorflowLibrary, log: (line: string) => void): string {
  const deps = path.join(tfjsNodeDir, 'deps');
  const libDir = path.join(deps, 'lib');
  fs.mkdirSync(libDir, { recursive: true });
  link(lib.include, path.join(deps, 'include'));
  for (const file of [lib.capi, lib.framework]) link(file, path.join(libDir, path.basename(file)));
  link(path.basename(lib.capi), path.join(libDir, 'libtensorflow.so'));
  if (path.basename(lib.capi) !== 'libtensorflow.so.2')
    link(path.basename(lib.capi), path.join(libDir, 'libtensorflow.so.2'));
  link(path.basename(lib.framework), path.join(libDir, 'libtensorflow_framework.so'));
  const args = [
    findNodeGyp(),
    'rebuild',
    '--loglevel=error',
    '--module_name=tfjs_binding',
    `--module_path=./lib/napi-v${NAPI_VERSION}`,
    `--napi_build_version=${NAPI_VERSION}`,
  ];
  const nodeDir = localNodeDir();
  if (nodeDir) args.push(`--nodedir=${nodeDir}`);
  log(`building tfjs-node's binding with node-gyp${nodeDir ? ` (node headers from ${nodeDir}/include/node)` : ''}…`);
  execFileSync(process.execPath, args, { cwd: tfjsNodeDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const built = path.join(tfjsNodeDir, 'build/Release/tfjs_binding.node');
  const target = path.join(tfjsNodeDir, `lib/napi-v${NAPI_VERSION}/tfjs_binding.node`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  return target;
}
