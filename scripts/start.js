#!/usr/bin/env node
// `npm start`: JupyterLab on notebooks/, finding the project-local "replearn" kernel and selecting it.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..');
const jupyter = path.join(root, '.venv', 'bin', 'jupyter');
if (!fs.existsSync(jupyter)) {
  console.error('replearn: JupyterLab is not installed in .venv — run `npm install` (it needs python3 with venv).');
  process.exit(1);
}
const env = {
  ...process.env,
  JUPYTER_PATH: [path.join(root, 'jupyter'), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
};
const args = [
  'lab',
  `--notebook-dir=${path.join(root, 'notebooks')}`,
  '--MappingKernelManager.default_kernel_name=replearn',
  ...process.argv.slice(2),
];
// JupyterLab refuses to start as root (containers) unless told it may.
if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--allow-root');
const child = spawn(jupyter, args, { env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 1));
