import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findNodeGyp } from './build';
import { projectRoot } from '../project';
import { addonPath } from '../graph/addon';

/** The TensorFlow C library tfjs-node's binding was built against (its deps/ links), so both share one runtime. */
function tfjsNodeLibrary(root: string): { include: string; capi: string; framework: string } {
  const deps = path.join(
    path.dirname(require.resolve('@tensorflow/tfjs-node/package.json', { paths: [root] })),
    'deps',
  );
  const real = (p: string): string => fs.realpathSync(path.join(deps, p));
  return {
    include: real('include'),
    capi: real('lib/libtensorflow.so.2'),
    framework: real('lib/libtensorflow_framework.so.2'),
  };
}

/** True when the built addon is newer than its sources. */
function upToDate(root: string): boolean {
  const built = addonPath();
  if (!fs.existsSync(built)) return false;
  const at = fs.statSync(built).mtimeMs;
  return ['graph.cc', 'binding.gyp'].every((f) => fs.statSync(path.join(root, 'native/graph', f)).mtimeMs < at);
}

/** Loads tfjs-node and the addon in a fresh node, and runs a one-op graph; throws with its message when that fails. */
function verify(root: string): void {
  const script = `process.env.TF_CPP_MIN_LOG_LEVEL = '3';
    require('@tensorflow/tfjs-node');
    const g = require(${JSON.stringify(addonPath())});
    const h = g.newGraph();
    g.addOperation(h, 'Placeholder', 'x', [], [['dtype', 'type', 'float32'], ['shape', 'shape', [2]]], []);
    g.addOperation(h, 'Square', 'y', [['x', 0]], [], []);
    const [dy] = g.addGradients(h, [['y', 0]], [['x', 0]], 'grad');
    g.openSession(h, 1, 1);
    const [y, d] = g.run(h, [[['x', 0], Float32Array.of(3, -1), [2]]], [['y', 0], dy], []);
    if (String(Array.from(y)) !== '9,1' || String(Array.from(d)) !== '6,-2') throw new Error('wrong values ' + y + ' ' + d);`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 120000 });
  if (child.status !== 0)
    throw new Error(`the graph addon does not work: ${child.stderr.trim().split('\n').slice(-1)[0] ?? child.status}`);
}

/**
 * Builds native/graph (the graph trainer's addon) with node-gyp against the TensorFlow C library tfjs-node uses, and
 * checks it computes a gradient. Does nothing when the built addon is newer than its sources.
 */
export function buildGraphAddon(log: (line: string) => void = console.log): string {
  const root = projectRoot();
  if (upToDate(root)) {
    verify(root);
    return addonPath();
  }
  const lib = tfjsNodeLibrary(root);
  const args = [findNodeGyp(), 'rebuild', '--loglevel=error'];
  if (fs.existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');
  log('building the graph trainer addon (native/graph) with node-gyp…');
  execFileSync(process.execPath, args, {
    cwd: path.join(root, 'native/graph'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      REPLEARN_GRAPH_TF_INCLUDE: lib.include,
      REPLEARN_GRAPH_TF_CAPI: lib.capi,
      REPLEARN_GRAPH_TF_FRAMEWORK: lib.framework,
    },
  });
  verify(root);
  return addonPath();
}

// As a script (npm install's set-up): node dist/lib/native/graph-addon-build.js
if (require.main === module) {
  try {
    console.log(`graph trainer addon: ${buildGraphAddon()}`);
  } catch (err) {
    console.error((err as Error).message.split('\n')[0]);
    process.exitCode = 1;
  }
}
