// tslab compiles a cell's `import` to require(). An ESM-only package (no "require" export, or ES modules that
// require() cannot load) is loaded with import() before the cell runs and handed to require() from a cache.
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** A require() that also serves preloaded ES modules, and the preloader. */
export interface EsmRequire {
  require: NodeJS.Require;
  /** Imports every ESM-only package `source` imports (call before the cell runs). */
  preload(source: string): Promise<void>;
}

// A real dynamic import(): TypeScript compiles `import()` to require() in CommonJS output.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the one way to keep a real import() in CommonJS output
const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/** Wraps `base` (tslab's require) so imports of ESM-only packages found from `rootDir` work. */
export function createEsmRequire(base: NodeJS.Require, rootDir: string): EsmRequire {
  const loaded = new Map<string, unknown>();
  const wrapped = new Proxy(base, {
    apply(target, thisArg, args: unknown[]) {
      const id = args[0];
      if (typeof id === 'string' && loaded.has(id)) return loaded.get(id);
      return Reflect.apply(target, thisArg, args) as unknown;
    },
  });
  return {
    require: wrapped,
    async preload(source) {
      for (const specifier of importedPackages(source)) {
        if (loaded.has(specifier)) continue;
        const entry = esmEntry(specifier, rootDir);
        if (!entry) continue;
        const ns = (await dynamicImport(pathToFileURL(entry).href)) as Record<string, unknown>;
        // Marked as an ES module so TypeScript's interop helpers read `default` and named exports from it.
        loaded.set(specifier, Object.freeze({ ...ns, __esModule: true }));
      }
    },
  };
}

/** Bare package specifiers in `import`/`export … from` statements of `source`. */
export function importedPackages(source: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(pattern)) {
    const spec = m[1] ?? m[2];
    if (!spec || spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    if (builtinModules.includes(spec.split('/')[0])) continue;
    found.add(spec);
  }
  return [...found];
}

type ExportTarget = string | { [condition: string]: ExportTarget } | null;

/** The file an ESM-only package's `specifier` resolves to, or undefined when require() can load it. */
export function esmEntry(specifier: string, fromDir: string): string | undefined {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const subpath = '.' + specifier.slice(name.length);
  const dir = findPackage(name, fromDir);
  if (!dir) return undefined;
  let pkg: { type?: string; main?: string; exports?: ExportTarget };
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return undefined;
  }
  const exportsField = pkg.exports;
  if (exportsField !== undefined && exportsField !== null) {
    const target = subpathTarget(exportsField, subpath);
    if (target === undefined) return undefined;
    const requireTarget = pick(target, ['node', 'require', 'default']);
    const importTarget = pick(target, ['node', 'import', 'default']);
    const esmOnly = requireTarget === undefined || (pkg.type === 'module' && !requireTarget.endsWith(".cjs"));
    return esmOnly && importTarget ? path.join(dir, importTarget) : undefined;
  }
  if (pkg.type !== 'module' || subpath !== '.') return undefined;
  return path.join(dir, pkg.main ?? 'index.js');
}

function subpathTarget(exportsField: ExportTarget, subpath: string): ExportTarget | undefined {
  if (typeof exportsField === 'string') return subpath === '.' ? exportsField : undefined;
  if (exportsField === null) return undefined;
  const keys = Object.keys(exportsField);
  if (keys.length > 0 && keys.every((k) => !k.startsWith('.'))) return subpath === '.' ? exportsField : undefined;
  return exportsField[subpath];
}

/** The first condition of `order` that leads to a file (nested condition objects followed). */
function pick(target: ExportTarget, order: string[]): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null) return undefined;
  for (const condition of order) {
    const next = target[condition];
    if (next === undefined) continue;
    const file = pick(next, order);
    if (file) return file;
  }
  return undefined;
}

function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
