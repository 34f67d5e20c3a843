#!/usr/bin/env node
// `npm install` runs this once the Node dependencies are in: it builds the library, makes
// `require('replearn')` resolve to this checkout, writes the project-local kernelspec and
// creates the Python environment for JupyterLab and nbclient. Nothing is written outside the project.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const say = (msg) => console.log(`replearn setup: ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status === 0;
}

function linkSelf() {
  const link = path.join(root, 'node_modules', 'replearn');
  try {
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    /* absent */
  }
  fs.symlinkSync('..', link, 'dir');
}

function build() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) {
    say('typescript is not installed (production install?): using the shipped dist/ as is');
    return true;
  }
  say('compiling lib/ with tsc');
  return run(process.execPath, [tsc, '-p', 'tsconfig.json']);
}

function writeKernelspec() {
  const dir = path.join(root, 'jupyter', 'kernels', 'replearn');
  fs.mkdirSync(dir, { recursive: true });
  // The replearn kernel: the Jupyter protocol implemented in lib/jupyter/kernel, tslab's TypeScript engine inside.
  const kernel = path.join(root, 'dist', 'lib', 'jupyter', 'kernel', 'main.js');
  const spec = {
    argv: [process.execPath, kernel, '{connection_file}'],
    display_name: 'TypeScript — replearn',
    language: 'typescript',
    interrupt_mode: 'message',
    metadata: { replearn: { root } },
  };
  fs.writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
  say(`kernelspec "replearn" written to ${path.relative(root, dir)}/`);
}

function findPython() {
  for (const cand of ['python3', 'python']) {
    const r = spawnSync(cand, ['-c', 'import sys; print(sys.version_info >= (3, 9))'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() === 'True') return cand;
  }
  return null;
}

function pythonEnv() {
  if (process.env.REPLEARN_SKIP_PYTHON === '1') {
    say('REPLEARN_SKIP_PYTHON=1: skipping the Python environment');
    return;
  }
  const python = findPython();
  if (!python) {
    say(
      'Python 3.9+ not found: install python3 and python3-venv (Debian: apt-get install python3-venv), then run `npm run postinstall`. The Node part works without it.',
    );
    return;
  }
  const venv = path.join(root, '.venv');
  const reqs = fs.readFileSync(path.join(root, 'requirements.txt'));
  const stamp = path.join(venv, '.replearn-requirements.sha256');
  const digest = crypto.createHash('sha256').update(reqs).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
    say('Python environment .venv is up to date');
    return;
  }
  if (!fs.existsSync(path.join(venv, 'bin', 'python'))) {
    say('creating the Python environment .venv');
    if (!run(python, ['-m', 'venv', venv])) {
      say(
        'could not create .venv: install python3-venv (Debian: apt-get install python3-venv), then run `npm run postinstall`. The Node part works without it.',
      );
      return;
    }
  }
  say('installing JupyterLab and nbclient into .venv (requirements.txt)');
  if (
    !run(path.join(venv, 'bin', 'python'), [
      '-m',
      'pip',
      'install',
      '-q',
      '--disable-pip-version-check',
      '-r',
      'requirements.txt',
    ])
  ) {
    say('pip failed: see the lines above; the Node part works without it.');
    return;
  }
  fs.writeFileSync(stamp, digest);
}

function nativeLoads() {
  const r = spawnSync(process.execPath, ['-e', 'require("@tensorflow/tfjs-node")'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
  });
  return r.status === 0;
}

// npm drops the optional tfjs-node when its install script (the dead download) fails: fetch it again without scripts.
function fetchTfjsNode() {
  const version = require(path.join(root, 'package.json')).optionalDependencies['@tensorflow/tfjs-node'];
  const npm = process.env.npm_execpath;
  say(`installing @tensorflow/tfjs-node@${version} without its download script`);
  const args = [
    'install',
    '--no-save',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `@tensorflow/tfjs-node@${version}`,
  ];
  const ok = npm ? run(process.execPath, [npm, ...args]) : run('npm', args);
  linkSelf(); // npm prunes what its lockfile does not list, this checkout's own link included
  return ok;
}

// tfjs-node's own install downloads libtensorflow from Google's storage, which answers 403 since August 2026: build
// its binding against the TensorFlow C library in PyPI's tensorflow-cpu wheel instead (≈275 MB, ≈15 s here).
// REPLEARN_NATIVE=0 skips it (the wasm backend is used); REPLEARN_NATIVE=1 makes a failure fail the install (CI).
function nativeBackend() {
  const mode = process.env.REPLEARN_NATIVE;
  if (mode === '0') {
    say('REPLEARN_NATIVE=0: not building the native backend (wasm will be used)');
    return true;
  }
  if (!fs.existsSync(path.join(root, 'node_modules', '@tensorflow', 'tfjs-node', 'package.json')) && !fetchTfjsNode()) {
    say('tfjs-node could not be installed: the wasm backend will be used');
    return mode !== '1';
  }
  if (nativeLoads()) {
    say('native backend (tfjs-node) loads');
    return true;
  }
  say('building the native backend: tfjs-node against tensorflow-cpu from PyPI (REPLEARN_NATIVE=0 skips this)');
  const ok = run(process.execPath, [path.join(root, 'bin', 'replearn.js'), 'backend', 'install-native']);
  if (ok) return true;
  say(
    'the native backend could not be built (see above): the wasm backend will be used; retry with `npx replearn backend install-native`',
  );
  return mode !== '1';
}

// Every dataset the lessons use that is not found yet is downloaded into datasets/cache, one line per dataset.
// A failed download never fails the install (the lessons then skip the cells that need it); REPLEARN_FETCH=0 skips it.
function prefetchData() {
  if (process.env.REPLEARN_FETCH === '0') {
    say('REPLEARN_FETCH=0: not downloading datasets (`npx replearn data prefetch` does it later)');
    return;
  }
  say('datasets: fetching what the lessons need and is not found (`npx replearn data size` lists the sizes)');
  run(process.execPath, [path.join(root, 'bin', 'replearn.js'), 'data', 'prefetch']);
}

// The graph trainer's addon (native/graph), built against the same TensorFlow C library once tfjs-node loads.
// Optional like the native backend: without it fitFast trains eagerly; REPLEARN_NATIVE=1 makes a failure fatal.
function graphAddon() {
  const mode = process.env.REPLEARN_NATIVE;
  if (mode === '0' || !nativeLoads()) return true;
  if (run(process.execPath, [path.join(root, 'dist', 'lib', 'native', 'graph-addon-build.js')])) return true;
  say('the graph trainer addon could not be built (see above): training runs eagerly on tfjs-node');
  return mode !== '1';
}

linkSelf();
const built = build();
writeKernelspec();
pythonEnv();
const native = built ? nativeBackend() && graphAddon() : true;
if (built) prefetchData();
if (!built) {
  say('the TypeScript build failed (see above)');
  process.exitCode = 1;
}
if (!native) {
  say('REPLEARN_NATIVE=1 and the native backend failed');
  process.exitCode = 1;
}
