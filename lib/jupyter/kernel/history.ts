// The session's executed cells, answering history_request (tail, range, search) as ipykernel does.
import { JsonObject } from '../client/wire';

/** One stored execution. */
export interface HistoryEntry {
  line: number;
  input: string;
  /** The result's text/plain, when the cell had one. */
  output: string | null;
}

/** The history of this kernel session (its session number is always 1; 0 and below mean "this session"). */
export interface History {
  add(entry: HistoryEntry): void;
  /** Sets the output of line `line`. */
  setOutput(line: number, output: string): void;
  /** The history_reply's `history` list for a history_request's content. */
  query(request: JsonObject): unknown[];
}

/** The session number this kernel reports. */
export const SESSION_NUMBER = 1;

/** An empty history. */
export function createHistory(): History {
  const entries: HistoryEntry[] = [];
  return {
    add: (entry) => entries.push(entry),
    setOutput(line, output) {
      const e = entries.find((x) => x.line === line);
      if (e) e.output = output;
    },
    query(request) {
      const withOutput = request.output === true;
      const row = (e: HistoryEntry): unknown[] => [
        SESSION_NUMBER,
        e.line,
        withOutput ? [e.input, e.output] : e.input,
      ];
      const n = typeof request.n === 'number' && request.n > 0 ? request.n : undefined;
      switch (request.hist_access_type) {
        case 'tail':
          return (n === undefined ? entries : entries.slice(-n)).map(row);
        case 'range': {
          const session = typeof request.session === 'number' ? request.session : 0;
          if (session !== SESSION_NUMBER && session > 0) return [];
          const start = typeof request.start === 'number' ? request.start : 0;
          const stop = typeof request.stop === 'number' ? request.stop : Infinity;
          return entries.filter((e) => e.line >= start && e.line < stop).map(row);
        }
        case 'search': {
          const pattern = globRegExp(typeof request.pattern === 'string' ? request.pattern : '*');
          let found = entries.filter((e) => pattern.test(e.input));
          if (request.unique === true) {
            const seen = new Set<string>();
            found = found.reverse().filter((e) => !seen.has(e.input) && seen.add(e.input) !== undefined).reverse();
          }
          return (n === undefined ? found : found.slice(-n)).map(row);
        }
        default:
          return [];
      }
    },
  };
}

/** A glob (`*`, `?`) as an anchored regular expression, as sqlite's GLOB that IPython's search uses. */
function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}
