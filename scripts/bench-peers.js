#!/usr/bin/env node
// `npm run bench:peers`: a bench-only Python environment, .venv-bench/, holding PyTorch and Keras (tensorflow-cpu at
// the version the native backend is built from), so that `npx replearn bench` can time its two twins beside tfjs.
// Not part of `npm install`: the twins only serve the benchmark, and the download is large (see environment.md).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const venv = path.join(root, '.venv-bench');
const python = path.join(venv, 'bin', 'python');
const say = (msg) => console.log(`replearn bench:peers: ${msg}`);

/** The TensorFlow version tfjs-node's binding is built against (lib/native/location.ts). */
function tensorflowVersion() {
  const source = fs.readFileSync(path.join(root, 'lib', 'native', 'location.ts'), 'utf8');
  const match = /DEFAULT_TENSORFLOW_VERSION = '([^']+)'/.exec(source);
  return match ? match[1] : '2.21.0';
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r.status === 0;
}

function main() {
  const host = process.env.PYTHON || 'python3';
  if (!fs.existsSync(python)) {
    say(`creating ${path.relative(root, venv)}/ with ${host}`);
    if (!run(host, ['-m', 'venv', venv])) return `${host} -m venv failed (apt install python3-venv?)`;
  }
  const tf = `tensorflow-cpu==${tensorflowVersion()}`;
  // PyPI's Linux torch wheel brings its CUDA libraries (several GB); PyPI has no CPU-only torch for x86-64.
  // TORCH_INDEX (e.g. https://download.pytorch.org/whl/cpu) installs the CPU-only wheel where that index is reachable.
  const torchIndex = process.env.TORCH_INDEX ? ['--index-url', process.env.TORCH_INDEX] : [];
  say(
    `installing torch${torchIndex.length ? ` from ${process.env.TORCH_INDEX}` : ' from PyPI'} and ${tf} (keras comes with it)`,
  );
  if (!run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-cache-dir', ...torchIndex, 'torch']))
    return 'pip could not install torch';
  if (!run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-cache-dir', tf]))
    return `pip could not install ${tf}`;
  const probe = spawnSync(
    python,
    ['-c', 'import torch, keras, tensorflow as tf; print(torch.__version__, keras.__version__, tf.__version__)'],
    { encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } },
  );
  if (probe.status !== 0)
    return `the new environment does not import torch, keras and tensorflow: ${probe.stderr.trim().split('\n').pop()}`;
  const [torch, keras, tensorflow] = probe.stdout.trim().split(/\s+/);
  say(
    `ready: PyTorch ${torch}, Keras ${keras}, TensorFlow ${tensorflow} in ${path.relative(root, venv)}/ (npx replearn bench finds it)`,
  );
  return null;
}

const failure = main();
if (failure) {
  say(failure);
  process.exitCode = 1;
}
