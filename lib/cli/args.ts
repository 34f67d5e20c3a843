import { parseArgs, ParseArgsConfig } from 'util';

/** A wrong command line: main prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** `--help` on a command line: main prints the command's usage and exits 0. */
export class HelpRequest extends Error {
  override name = 'HelpRequest';
  constructor(readonly usage: string) {
    super('help');
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
interface Config<O extends Options> {
  args: string[];
  options: O;
  allowPositionals: true;
  strict: true;
}
/** Parsed flags (`values`) and operands (`positionals`). */
export type ParsedCommandArgs<O extends Options> = ReturnType<typeof parseArgs<Config<O>>>;

/** node's parseArgs (strict, positionals allowed) with its errors turned into UsageError. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string): ParsedCommandArgs<O> {
  try {
    const config: Config<O> = { args, options, allowPositionals: true, strict: true };
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].split('. To specify')[0], usage);
  }
}

/** The `--help` / `-h` flag every command takes. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** A command's flags and operands (parseCommandArgs plus `--help`, which throws HelpRequest for main to answer). */
export function commandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): ParsedCommandArgs<O & typeof HELP> {
  const parsed = parseCommandArgs(args, { ...options, ...HELP }, usage);
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequest(usage);
  return parsed;
}

/** `value` as a number > 0 (integer when `integer`), else a UsageError naming `flag`. */
export function positiveNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  usage: string,
  integer = false,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} needs a ${integer ? 'whole ' : ''}number above 0, got "${value}"`, usage);
  }
  return n;
}

/** Flags shared by the commands that run batches of notebooks (run, assign, grade). */
export const NOTEBOOK_BATCH_FLAGS = {
  out: { type: 'string' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
} as const;
