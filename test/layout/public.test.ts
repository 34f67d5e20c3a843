import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { codeCells, importsOf } from './source-imports';

const ROOT = projectRoot();

/** Names the lessons import from 'replearn', each with whether it is ever used as a value (not only a type). */
function lessonImports(): Map<string, { value: boolean; lessons: Set<string> }> {
  const names = new Map<string, { value: boolean; lessons: Set<string> }>();
  const dir = path.join(ROOT, 'notebooks');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb'))) {
    for (const cell of codeCells(path.join(dir, file))) {
      for (const edge of importsOf(cell).filter((e) => e.specifier === 'replearn')) {
        assert.ok(!edge.whole, `${file}: import the names you use from 'replearn', not the whole module`);
        for (const { name, typeOnly } of edge.names) {
          const entry = names.get(name) ?? { value: false, lessons: new Set<string>() };
          entry.value ||= !typeOnly;
          entry.lessons.add(file);
          names.set(name, entry);
        }
      }
    }
  }
  return names;
}

/** Names lib/public.ts exports, read from its source, split into values and types. */
function publicExports(): { values: Set<string>; types: Set<string> } {
  const source = fs.readFileSync(path.join(ROOT, 'lib', 'public.ts'), 'utf8');
  const values = new Set<string>(['tf']); // `export { tf }` re-exports an import, which importsOf does not list.
  const types = new Set<string>();
  for (const edge of importsOf(source)) {
    for (const { name, typeOnly } of edge.names) (typeOnly ? types : values).add(name);
    if (edge.whole && edge.specifier === './exercises') values.add('exercises');
  }
  return { values, types };
}

describe('public API (lib/public.ts)', () => {
  it('lists every name a lesson imports from replearn (values as values)', () => {
    const used = lessonImports();
    assert.ok(used.size > 100, `only ${used.size} names found in the lessons' imports: is the parser reading them?`);
    const { values, types } = publicExports();
    const missing = [...used]
      .filter(([name, { value }]) => !values.has(name) && (value || !types.has(name)))
      .map(([name, { lessons }]) => `${name} (${[...lessons].join(', ')})`);
    assert.deepStrictEqual(missing, [], `not in lib/public.ts: ${missing.join('; ')}`);
  });

  it('every value it lists is defined at run time', () => {
    const api = require('../../lib/public') as Record<string, unknown>;
    const { values } = publicExports();
    const undefinedNames = [...values].filter((name) => api[name] === undefined);
    assert.deepStrictEqual(undefinedNames, []);
  });
});
