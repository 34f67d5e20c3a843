import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { codeCells, importsOf, quotedReplearnImports, typescriptFiles } from './source-imports';

const ROOT = projectRoot();

type Uses = Map<string, { value: boolean; where: Set<string> }>;

/** Adds the names `source` imports from 'replearn' to `uses`, each with whether it is used as a value. */
function collect(uses: Uses, source: string, where: string): void {
  for (const edge of importsOf(source).filter((e) => e.specifier === 'replearn')) {
    const names = edge.namespace ? [] : edge.names;
    assert.ok(!edge.whole || edge.namespace, `${where}: import the names you use from 'replearn'`);
    for (const { name, typeOnly } of names) {
      const entry = uses.get(name) ?? { value: false, where: new Set<string>() };
      entry.value ||= !typeOnly;
      entry.where.add(where);
      uses.set(name, entry);
    }
  }
}

/** Names the lessons import from 'replearn'. */
function lessonImports(): Uses {
  const uses: Uses = new Map();
  const dir = path.join(ROOT, 'notebooks');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb'))) {
    for (const cell of codeCells(path.join(dir, file))) collect(uses, cell, file);
  }
  return uses;
}

/** Names README documents and the cells that tests and benchmarks run import from 'replearn'. */
function otherImports(): Uses {
  const uses: Uses = new Map();
  for (const statement of quotedReplearnImports(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')))
    collect(uses, statement, 'README.md');
  for (const dir of ['test', 'bench']) {
    for (const file of typescriptFiles(path.join(ROOT, dir))) {
      for (const statement of quotedReplearnImports(fs.readFileSync(file, 'utf8')))
        collect(uses, statement, path.relative(ROOT, file));
    }
  }
  return uses;
}

/** Names lib/public.ts exports, read from its source, split into values and types. */
function publicExports(): { values: Set<string>; types: Set<string> } {
  const source = fs.readFileSync(path.join(ROOT, 'lib', 'public.ts'), 'utf8');
  const values = new Set<string>(['tf']); // `export { tf }` re-exports an import, which importsOf does not list.
  const types = new Set<string>();
  for (const edge of importsOf(source)) {
    for (const { name, typeOnly } of edge.names) (typeOnly ? types : values).add(name);
    if (edge.namespace) values.add(edge.namespace);
  }
  return { values, types };
}

/** `uses` that lib/public.ts does not export (a value used as a value must be exported as one). */
function missingFrom(uses: Uses): string[] {
  const { values, types } = publicExports();
  return [...uses]
    .filter(([name, { value }]) => !values.has(name) && (value || !types.has(name)))
    .map(([name, { where }]) => `${name} (${[...where].join(', ')})`);
}

describe('public API (lib/public.ts)', () => {
  it('lists every name a lesson imports from replearn (values as values)', () => {
    const used = lessonImports();
    assert.ok(used.size > 100, `only ${used.size} names found in the lessons' imports: is the parser reading them?`);
    const missing = missingFrom(used);
    assert.deepStrictEqual(missing, [], `not in lib/public.ts: ${missing.join('; ')}`);
  });

  it("lists what README documents and what the cells run by tests and benchmarks import from 'replearn'", () => {
    const used = otherImports();
    for (const name of ['exercises', 'jupyter', 'tf']) assert.ok(used.has(name), `${name}: is the reader finding it?`);
    const missing = missingFrom(used);
    assert.deepStrictEqual(missing, [], `not in lib/public.ts: ${missing.join('; ')}`);
  });

  it('every value it lists is defined at run time', () => {
    const api = require('../../lib/public') as Record<string, unknown>;
    const { values } = publicExports();
    const undefinedNames = [...values].filter((name) => api[name] === undefined);
    assert.deepStrictEqual(undefinedNames, []);
  });

  it("the package entry ('replearn', lib/index.ts) exports exactly that list", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    assert.strictEqual(pkg.main, 'dist/lib/index.js');
    const entry = importsOf(fs.readFileSync(path.join(ROOT, 'lib', 'index.ts'), 'utf8'));
    assert.deepStrictEqual(entry, [{ specifier: './public', names: [], whole: true, namespace: undefined }]);
    const api = require('../../lib/public') as Record<string, unknown>;
    const index = require('../../lib/index') as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(index).sort(), Object.keys(api).sort());
    const { values } = publicExports();
    assert.deepStrictEqual(Object.keys(api).sort(), [...values].sort());
  });
});
