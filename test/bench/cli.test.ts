import * as assert from 'assert';
import { main } from '../../lib/cli/main';

/** Runs `replearn ...args` in-process and returns the exit code and what it printed. */
async function replearn(args: string[]): Promise<{ code: number; out: string }> {
  const printed: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = console.error = (...parts: unknown[]) => void printed.push(parts.join(' '));
  try {
    return { code: await main(args), out: printed.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

describe('replearn bench (bench/cli.ts, loaded by path from lib/cli/main.ts)', () => {
  it('--help prints the usage and exits 0; a stray argument is a usage error (exit 2)', async () => {
    const help = await replearn(['bench', '--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.out, /^usage: replearn bench/);
    const wrong = await replearn(['bench', 'stray']);
    assert.strictEqual(wrong.code, 2);
    assert.match(wrong.out, /^replearn bench: unexpected arguments: stray/);
  });
});
