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
  try { fs.rmSync(link, { recursive: true, force: true }); } catch { /* absent */ }
  fs.symlinkSync('..', link, 'dir');
}

function build() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) { say('typescript is not installed (production install?): using the shipped dist/ as is'); return true; }
  say('compiling lib/ with tsc');
  return run(process.execPath, [tsc, '-p', 'tsconfig.json']);
}

function writeKernelspec() {
  const dir = path.join(root, 'jupyter', 'kernels', 'replearn');
  fs.mkdirSync(dir, { recursive: true });
  const tslab = path.join(root, 'node_modules', 'tslab', 'bin', 'tslab');
  // The preload works around lost iopub output in tslab + zeromq 6 (see lib/kernel/tslab-preload.ts).
  const preload = path.join(root, 'dist', 'lib', 'kernel', 'tslab-preload.js');
  const spec = {
    argv: [process.execPath, '--require', preload, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript — replearn',
    language: 'typescript',
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
  if (process.env.REPLEARN_SKIP_PYTHON === '1') { say('REPLEARN_SKIP_PYTHON=1: skipping the Python environment'); return; }
  const python = findPython();
  if (!python) {
    say('Python 3.9+ not found: install python3 and python3-venv (Debian: apt-get install python3-venv), then run `npm run postinstall`. The Node part works without it.');
    return;
  }
  const venv = path.join(root, '.venv');
  const reqs = fs.readFileSync(path.join(root, 'requirements.txt'));
  const stamp = path.join(venv, '.replearn-requirements.sha256');
  const digest = crypto.createHash('sha256').update(reqs).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) { say('Python environment .venv is up to date'); return; }
  if (!fs.existsSync(path.join(venv, 'bin', 'python'))) {
    say('creating the Python environment .venv');
    if (!run(python, ['-m', 'venv', venv])) {
      say('could not create .venv: install python3-venv (Debian: apt-get install python3-venv), then run `npm run postinstall`. The Node part works without it.');
      return;
    }
  }
  say('installing JupyterLab and nbclient into .venv (requirements.txt)');
  if (!run(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-r', 'requirements.txt'])) {
    say('pip failed: see the lines above; the Node part works without it.');
    return;
  }
  fs.writeFileSync(stamp, digest);
}

linkSelf();
const built = build();
writeKernelspec();
pythonEnv();
if (!built) { say('the TypeScript build failed (see above)'); process.exitCode = 1; }
