import * as fs from 'fs';
import * as path from 'path';

/** Absolute path of the replearn package root (the folder holding its package.json). */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'replearn') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('replearn: cannot find the package root above ' + __dirname);
    dir = parent;
  }
}

/** Where the project-local Jupyter data (kernelspec) lives. */
export function jupyterDataDir(): string {
  return path.join(projectRoot(), 'jupyter');
}
