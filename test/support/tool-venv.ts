// Python tools the deploy and hub tests need but users do not (hadolint, JupyterHub): installed by pip
// into .tmp-tools/venv in the checkout (ignored by git), kept there between runs.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';

/** The bin/ folder of a venv holding `packages` (pip requirement strings), created or completed on demand. */
export function toolVenv(packages: string[]): string {
  const venv = path.join(projectRoot(), '.tmp-tools', 'venv');
  const python = path.join(venv, 'bin', 'python');
  if (!fs.existsSync(python)) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  const stamp = path.join(venv, '.replearn-tools');
  const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').split('\n') : [];
  const missing = packages.filter((p) => !have.includes(p));
  if (missing.length > 0) {
    execFileSync(python, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...missing], {
      stdio: 'inherit',
    });
    fs.writeFileSync(stamp, [...have.filter((p) => p !== ''), ...missing].join('\n'));
  }
  return path.join(venv, 'bin');
}
