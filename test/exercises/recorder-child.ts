// Run by recorder.test.ts in a child process: the lockdown freezes the realm it runs in.
import { signedLine } from '../../lib/exercises/record-line';
import { createRecorder } from '../../lib/exercises/recorder';
import { seededRandom } from '../../lib/exercises/lockdown';

const key = 'c'.repeat(64);
const sent: string[] = [];
const incoming: string[] = [];
const recorder = createRecorder({
  key,
  seed: 42,
  write: (l) => sent.push(l),
  readLine: () => incoming.shift() ?? null,
});
const notebook: Record<string, unknown> = {
  norm: (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)),
  // A notebook that declared its own Math: tests must still get the real one.
  Math: { abs: () => 0 },
};
(globalThis as Record<string, unknown>).__tslab__ = { exports: notebook, require };

const attempt = (f: () => void): string => {
  try {
    f();
    return 'changed';
  } catch (e) {
    return (e as Error).name;
  }
};

async function main(): Promise<void> {
  recorder.lockdown({ tensors: false });
  const results: Record<string, unknown> = {};
  results.mathAbs = attempt(() => {
    Math.abs = () => 0;
  });
  results.mathAbsStill = Math.abs(-3);
  results.arrayEvery = attempt(() => {
    (Array.prototype as unknown as Record<string, unknown>).every = () => true;
  });
  results.objectToJSON = attempt(() => {
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'x' });
  });
  results.globalMath = attempt(() => {
    (globalThis as Record<string, unknown>).Math = {};
  });
  const plain: { toString?: () => string } = {};
  results.overrideOnObject = attempt(() => {
    plain.toString = () => 'mine';
  });
  results.overrideValue = String(plain);
  results.setToJSONAdded = attempt(() => {
    (Set.prototype as unknown as Record<string, unknown>).toJSONx = () => 1;
  });
  results.setHasAdded = attempt(() => {
    (Set.prototype as unknown as Record<string, unknown>).has = () => true;
  });
  results.heapSnapshot = attempt(() => {
    (require('v8') as { getHeapSnapshot(): unknown }).getHeapSnapshot();
  });
  const expected = seededRandom(42);
  results.randomSeeded = [Math.random(), Math.random()].every((x) => x === expected());
  results.recorderKeys = Object.keys((globalThis as Record<string, unknown>).__replearnGrader ?? recorder);

  incoming.push(
    signedLine(
      key,
      0,
      JSON.stringify({
        type: 'tests',
        ex: 'norm',
        code: `
await __rl.test(0, 'norm', 1, () => { __rl.closeTo(0, norm([3, 4])); __rl.isTrue(1, Math.abs(-2) === 2, 'real Math'); });
await __rl.test(1, 'throws', 1, () => { throw new Error('student bug'); });
__rl.closeTo(2, 123);
`,
      }),
    ).trimEnd(),
  );
  await recorder.runTests();
  // A forged message (wrong key) and a replayed one are ignored.
  incoming.push(
    signedLine(
      'f'.repeat(64),
      1,
      JSON.stringify({ type: 'tests', ex: 'norm', code: 'await __rl.test(0, "x", 1, () => {});' }),
    ).trimEnd(),
  );
  await recorder.runTests();
  incoming.push(
    signedLine(
      key,
      0,
      JSON.stringify({ type: 'tests', ex: 'norm', code: 'await __rl.test(0, "x", 1, () => {});' }),
    ).trimEnd(),
  );
  await recorder.runTests();
  results.sent = sent;
  process.stdout.write(JSON.stringify(results));
}

void main();
