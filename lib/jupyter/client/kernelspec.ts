import * as fs from 'fs';
import * as path from 'path';
import { jupyterDataDir } from '../../project';

/** A kernelspec (kernel.json) as Jupyter reads it. */
export interface KernelSpec {
  name: string;
  /** Folder holding kernel.json. */
  dir: string;
  argv: string[];
  display_name: string;
  language: string;
  /** 'signal' (SIGINT, the default) or 'message' (interrupt_request on the control channel). */
  interrupt_mode: 'signal' | 'message';
  env: Record<string, string>;
}

/** Thrown when no usable kernelspec of the requested name exists. */
export class KernelSpecError extends Error {
  override name = 'KernelSpecError';
}

/** Folders searched for kernels/<name>/kernel.json: the project's own jupyter/ folder. */
export function defaultKernelDirs(): string[] {
  return [jupyterDataDir()];
}

/** Reads kernels/<name>/kernel.json from the first of `dataDirs` that has it. */
export function readKernelSpec(name: string, dataDirs: string[] = defaultKernelDirs()): KernelSpec {
  const tried: string[] = [];
  for (const dataDir of dataDirs) {
    const dir = path.join(dataDir, 'kernels', name);
    const file = path.join(dir, 'kernel.json');
    tried.push(file);
    if (!fs.existsSync(file)) continue;
    return parseKernelSpec(name, dir, fs.readFileSync(file, 'utf8'));
  }
  const hint = name === 'replearn' ? '; `npm install` writes it' : '';
  throw new KernelSpecError(`kernelspec "${name}" not found (looked for ${tried.join(', ')})${hint}`);
}

function parseKernelSpec(name: string, dir: string, text: string): KernelSpec {
  const where = path.join(dir, 'kernel.json');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new KernelSpecError(`${where} is not valid JSON: ${(e as Error).message}`);
  }
  const spec = raw as Partial<KernelSpec> & { argv?: unknown };
  if (!Array.isArray(spec.argv) || spec.argv.length === 0 || !spec.argv.every((a) => typeof a === 'string')) {
    throw new KernelSpecError(`${where}: "argv" must be a non-empty list of strings`);
  }
  if (!spec.argv.some((a: string) => a.includes('{connection_file}'))) {
    throw new KernelSpecError(`${where}: "argv" never mentions {connection_file}`);
  }
  return {
    name,
    dir,
    argv: spec.argv,
    display_name: spec.display_name ?? name,
    language: spec.language ?? '',
    interrupt_mode: spec.interrupt_mode === 'message' ? 'message' : 'signal',
    env: spec.env ?? {},
  };
}

/** The kernel's argv with {connection_file} and {resource_dir} filled in. */
export function kernelArgv(spec: KernelSpec, connectionFile: string): string[] {
  return spec.argv.map((a) => a.replace(/\{connection_file\}/g, connectionFile).replace(/\{resource_dir\}/g, spec.dir));
}
