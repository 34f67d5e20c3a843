// `replearn assign --gradescope OUT.zip`: the autograder archive Gradescope builds its image from -
// setup.sh and run_autograder at the root (deploy/gradescope/), the autograder notebooks, and the kit
// itself (compiled library, launcher, install script, lockfile) for setup.sh to install with npm ci.
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../project';
import { writeZip, ZipFile } from './zip-write';

/** What went into the archive. */
export interface GradescopeZip {
  file: string;
  entries: string[];
  bytes: number;
}

/** The kit's files setup.sh needs (relative to the project root): everything but sources and tests. */
function kitFiles(root: string): string[] {
  const listed = [
    'package.json',
    'package-lock.json',
    'bin/replearn.js',
    'requirements.txt',
    'datasets/registry.json',
    'notebooks/full-runs.json', // read by a lesson's showFullRuns cell
  ];
  const walk = (rel: string, keep: (f: string) => boolean): string[] =>
    fs
      .readdirSync(path.join(root, rel), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((d) => {
        const child = `${rel}/${d.name}`;
        if (d.isDirectory()) return walk(child, keep);
        return d.isFile() && keep(d.name) ? [child] : [];
      });
  return [
    ...listed,
    ...walk('scripts', (f) => f.endsWith('.js')),
    ...walk('dist/lib', (f) => f.endsWith('.js') || f.endsWith('.d.ts')),
  ];
}

/** Writes the Gradescope autograder archive for `notebooks` (the autograder versions) to `outFile`. */
export function writeGradescopeZip(outFile: string, notebooks: string[], datasets: string[] = []): GradescopeZip {
  const root = projectRoot();
  const templates = path.join(root, 'deploy', 'gradescope');
  const read = (file: string): Buffer => fs.readFileSync(file);
  const files: ZipFile[] = [
    { name: 'setup.sh', data: read(path.join(templates, 'setup.sh')), mode: 0o755 },
    { name: 'run_autograder', data: read(path.join(templates, 'run_autograder')), mode: 0o755 },
    {
      name: 'datasets.txt',
      data: Buffer.from(`# datasets setup.sh fetches (replearn data list), one per line\n${datasets.join('\n')}\n`),
      mode: 0o644,
    },
    ...notebooks.map((nb) => ({ name: `autograder/${path.basename(nb)}`, data: read(nb), mode: 0o644 })),
    ...kitFiles(root).map((rel) => ({
      name: `kit/${rel}`,
      data: read(path.join(root, rel)),
      mode: rel.startsWith('bin/') ? 0o755 : 0o644,
    })),
  ];
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  writeZip(outFile, files);
  return { file: outFile, entries: files.map((f) => f.name), bytes: fs.statSync(outFile).size };
}
