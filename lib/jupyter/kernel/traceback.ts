// Errors as Jupyter shows them: ename, evalue and a traceback whose frames name the cell and the line of the
// cell's TypeScript source, with the frames of the kernel, tslab and Node's internals left out.
import * as path from 'path';
import * as util from 'util';
import { CellCode, CompileDiagnostic } from './engine';

/** An error in the protocol's terms. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One parsed stack frame. */
interface Frame {
  fn: string;
  file: string;
  line: number;
  column: number;
}

const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const KERNEL_DIR = __dirname;
const INTERRUPTED = new Set(['ERR_SCRIPT_EXECUTION_INTERRUPTED']);

/** The error for a value a cell threw (or rejected with), its frames mapped to cell lines. */
export function errorFromThrown(thrown: unknown, cells: ReadonlyMap<string, CellCode>, cwd: string): CellError {
  if (!(thrown instanceof Error)) {
    const evalue = util.inspect(thrown, { depth: 2, breakLength: 120 });
    return { ename: 'Error', evalue: `Uncaught ${evalue}`, traceback: [`Uncaught ${evalue}`] };
  }
  const code = (thrown as NodeJS.ErrnoException).code;
  if ((code && INTERRUPTED.has(code)) || thrown.message === 'Interrupted asynchronously') {
    return { ename: 'Interrupted', evalue: 'the cell was interrupted', traceback: ['Interrupted: the cell was interrupted'] };
  }
  const ename = thrown.name || thrown.constructor?.name || 'Error';
  const evalue = thrown.message;
  const frames = parseFrames(thrown.stack ?? '');
  const lines: string[] = [`${ename}: ${evalue}`];
  for (const frame of frames) {
    const shown = showFrame(frame, cells, cwd);
    if (shown && shown[0] !== lines[lines.length - shown.length]) lines.push(...shown);
  }
  return { ename, evalue, traceback: lines };
}

/** The error for a cell TypeScript refused, each diagnostic with line:col and the offending source line. */
export function errorFromDiagnostics(diagnostics: CompileDiagnostic[], cell: number, source: string): CellError {
  const sourceLines = source.split('\n');
  const lines: string[] = [];
  for (const d of diagnostics) {
    const where = d.fileName ? `${d.fileName}, line ${d.line}:${d.column}` : `cell [${cell}], line ${d.line}:${d.column}`;
    lines.push(`${where} - ${d.message}`);
    if (!d.fileName && sourceLines[d.line - 1] !== undefined) {
      lines.push(`  ${d.line} | ${sourceLines[d.line - 1]}`, `  ${' '.repeat(String(d.line).length)} | ${' '.repeat(d.column - 1)}^`);
    }
  }
  const first = diagnostics[0];
  const evalue = first ? `${first.message} (line ${first.line}:${first.column})` : 'the cell did not compile';
  return { ename: 'TypeScriptError', evalue, traceback: [`TypeScriptError: ${evalue}`, ...lines] };
}

function parseFrames(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (!m) continue;
    frames.push({ fn: m[1] ?? '', file: m[2], line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}

/** A frame as traceback lines, or null for frames the user did not write (kernel, tslab, Node internals). */
function showFrame(frame: Frame, cells: ReadonlyMap<string, CellCode>, cwd: string): string[] | null {
  const file = frame.file.replace(/^async /, '');
  const fn = frame.fn.replace(/^async /, '');
  const code = cells.get(file);
  if (code) {
    // The executor's wrapper calls the cell's code from its last line: not a line of the cell.
    if ((code.js.split('\n')[frame.line - 1] ?? '').startsWith("})(__tslab__")) return null;
    const line = cellLine(code, frame.line);
    const bare = fn.replace(/^(?:Proxy|Object)\./, '');
    const name = bare === '' || bare === 'eval' || bare === '<anonymous>' ? '' : `${bare} `;
    const text = code.source.split('\n')[line - 1] ?? '';
    return [`    at ${name}(cell [${code.cell}], line ${line})`, `        ${line} | ${text.trim()}`];
  }
  if (file.startsWith('node:') || file === 'evalmachine.<anonymous>' || !path.isAbsolute(file)) return null;
  if (file.startsWith(KERNEL_DIR) || /[\\/]node_modules[\\/]tslab[\\/]/.test(file)) return null;
  const shown = path.relative(cwd, file);
  return [`    at ${fn ? `${fn} ` : ''}(${shown.startsWith('..') ? file : shown}:${frame.line}:${frame.column})`];
}

// Tokens that say nothing about which source line a JavaScript line came from.
const COMMON = new Set(
  'const let var function return exports require await async new this if else for of in void true false null undefined tsLastExpr __importStar __importDefault default'.split(
    ' ',
  ),
);
const TOKEN = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;

function tokens(text: string): string[] {
  return (text.match(TOKEN) ?? []).filter((t) => !COMMON.has(t));
}

/**
 * The cell line (1-based) that JavaScript line `jsLine` of the cell's compiled code came from. tslab gives no
 * source map; TypeScript's output keeps statements in order and mostly keeps their text, so the line is the
 * one sharing the most identifiers and literals, the nearest to the JavaScript line on a tie.
 */
export function cellLine(code: CellCode, jsLine: number): number {
  const sourceLines = code.source.split('\n');
  const jsText = code.js.split('\n')[jsLine - 1] ?? '';
  const wanted = tokens(jsText);
  let best = -1;
  let bestScore = 0;
  for (const [i, text] of sourceLines.entries()) {
    const have = new Set(tokens(text));
    const score = wanted.reduce((sum, t) => sum + (have.has(t) ? t.length : 0), 0);
    const closer = best >= 0 && Math.abs(i + 1 - jsLine) < Math.abs(best + 1 - jsLine);
    if (score > bestScore || (score === bestScore && score > 0 && closer)) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best + 1;
  return Math.min(Math.max(1, jsLine - 2), sourceLines.length);
}
