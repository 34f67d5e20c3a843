import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { importsOf, typescriptFiles } from './source-imports';

const ROOT = projectRoot();
const LIB = path.join(ROOT, 'lib');

/** The file a relative specifier names (x.ts or x/index.ts), or null for a package import. */
function resolve(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${path.relative(ROOT, fromFile)}: cannot resolve '${specifier}'`);
}

/** The unit of layering a lib file belongs to: its folder under lib/, or its own name for files at lib/'s top. */
function unitOf(file: string): string {
  const [first, ...rest] = path.relative(LIB, file).split(path.sep);
  return rest.length ? first : first.replace(/\.ts$/, '');
}

/** Every import edge between lib files, as [from, to] absolute paths; and edges that leave lib/. */
function libImports(): { inside: [string, string][]; outside: string[] } {
  const inside: [string, string][] = [];
  const outside: string[] = [];
  for (const file of typescriptFiles(LIB)) {
    for (const edge of importsOf(fs.readFileSync(file, 'utf8'), file)) {
      const target = resolve(file, edge.specifier);
      if (!target) continue;
      if (target.startsWith(LIB + path.sep)) inside.push([file, target]);
      else outside.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`);
    }
  }
  return { inside, outside };
}

/** Strongly connected components with more than one unit (Tarjan): each is an import cycle between units. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** README's map of lib/: for each unit, the units it may import (its "may import" column). */
function readmeMap(): Map<string, Set<string>> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Map of lib/');
  assert.ok(start >= 0, 'README has no "## Map of lib/" section');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const map = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = /^\| `([^`]+)` \|[^|]*\| ([^|]*) \|$/.exec(line);
    if (!cells) continue;
    const unit = cells[1].replace(/\/$/, '').replace(/\.ts$/, '');
    const allowed = cells[2].trim() === '—' ? [] : cells[2].split(',').map((x) => x.trim());
    map.set(unit, new Set(allowed));
  }
  return map;
}

describe('layout: import directions', () => {
  const { inside, outside } = libImports();

  it('lib imports no code outside lib/ (bench/, test/, scripts/)', () => {
    assert.ok(inside.length > 100, `only ${inside.length} imports inside lib: is the reader finding them?`);
    // Data files of the project (package.json, registry.json) are fine; code outside lib/ never is.
    const offenders = outside.filter((e) => !e.endsWith('.json'));
    assert.deepStrictEqual(offenders, [], `lib/ imports code from other folders: ${offenders.join('; ')}`);
  });

  it('the files of lib import each other without cycles', () => {
    const graph = new Map<string, Set<string>>();
    for (const [from, to] of inside) {
      const [a, b] = [path.relative(LIB, from), path.relative(LIB, to)];
      if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const found = cycles(graph).map((c) => c.join(' <-> '));
    assert.deepStrictEqual(found, [], `import cycles between lib files: ${found.join('; ')}`);
  });

  it("README's map of lib/ names every unit and allows every import between units", () => {
    const map = readmeMap();
    const units = new Set(
      fs
        .readdirSync(LIB, { withFileTypes: true })
        .filter((e) => e.isDirectory() || e.name.endsWith('.ts'))
        .map((e) => e.name.replace(/\.ts$/, '')),
    );
    assert.deepStrictEqual([...map.keys()].sort(), [...units].sort(), 'the map and lib/ list different units');
    const forbidden = new Set<string>();
    for (const [from, to] of inside) {
      const [a, b] = [unitOf(from), unitOf(to)];
      if (a !== b && !map.get(a)?.has(b)) forbidden.add(`${a} -> ${b} (${path.relative(ROOT, from)})`);
    }
    assert.deepStrictEqual([...forbidden], [], "imports README's map of lib/ does not allow");
  });

  it('nothing inside lib imports the public surface (index.ts, public.ts)', () => {
    const surface = new Set(['index', 'public']);
    const offenders = inside
      .filter(([from, to]) => surface.has(unitOf(to)) && !surface.has(unitOf(from)))
      .map(([from]) => path.relative(ROOT, from));
    assert.deepStrictEqual(offenders, []);
  });

  it('the folders of lib import each other without cycles', () => {
    const graph = new Map<string, Set<string>>();
    for (const [from, to] of inside) {
      const [a, b] = [unitOf(from), unitOf(to)];
      if (a === b || a === 'index' || a === 'public') continue;
      graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const found = cycles(graph).map((c) => c.join(' <-> '));
    assert.deepStrictEqual(found, [], `import cycles between lib folders: ${found.join('; ')}`);
  });

  it('cycles() finds a cycle of three and ignores a chain', () => {
    const g = (edges: [string, string][]): Map<string, Set<string>> => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of edges) m.set(a, (m.get(a) ?? new Set()).add(b));
      return m;
    };
    assert.deepStrictEqual(
      cycles(
        g([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'd'],
        ]),
      ),
      [['a', 'b', 'c']],
    );
    assert.deepStrictEqual(
      cycles(
        g([
          ['a', 'b'],
          ['b', 'c'],
        ]),
      ),
      [],
    );
  });
});
