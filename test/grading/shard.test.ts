// Grading spread over machines: --shard K/N slices and `gradebook merge` joins. The end-to-end check
// grades the same submissions once whole and once as 3 shards (one reference run shared) and wants
// byte-identical gradebooks; the merge refusals are checked on small gradebooks written directly.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  autograderVersion,
  DEFAULT_SANDBOX,
  gradeAgainst,
  GradeOptions,
  inShard,
  loadAssignments,
  MergeError,
  mergeGradebooks,
  parseShard,
  runReferences,
  shardOf,
  SubmissionResult,
  writeGradebook,
  writeShardHeader,
} from '../../lib/grading';
import { maskedSubmission } from './adversaries';
import { sourceNotebook, tempDir, writeFile } from './fixtures';

describe('grading/shard: --shard K/N and gradebook merge', function () {
  this.timeout(20 * 60_000);
  let dir: string;
  before(() => {
    dir = tempDir('replearn-shard-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses K/N and rejects anything else with one line', () => {
    assert.deepEqual(parseShard('2/5'), { index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/2', '1/2/3']) {
      const r = parseShard(bad);
      assert.equal(typeof r, 'string', bad);
      assert.doesNotMatch(r as string, /\n/);
    }
  });

  it('slices are disjoint, cover everything, are roughly even and ignore file order', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `student${i}/lesson-${i % 11}.ipynb`);
    const shuffled = [...keys].reverse();
    const slices = [1, 2, 3, 4, 5].map((index) => inShard(keys, { index, count: 5 }, (k) => k));
    assert.equal(
      slices.reduce((n, s) => n + s.length, 0),
      keys.length,
    );
    assert.equal(new Set(slices.flat()).size, keys.length);
    for (const s of slices) assert.ok(s.length > 500 && s.length < 700, `slice of ${s.length} (3000 / 5 = 600)`);
    slices.forEach((s, i) =>
      assert.deepEqual(new Set(inShard(shuffled, { index: i + 1, count: 5 }, (k) => k)), new Set(s)),
    );
    // Pinned: a machine running another build must pick the same slice.
    assert.deepEqual(
      ['alice/a.ipynb', 'bob/a.ipynb', 'carol/b.ipynb', 'dan/c.ipynb'].map((k) => shardOf(k, 7)),
      [5, 5, 6, 6],
    );
    assert.equal(shardOf('alice/a.ipynb', 1), 1);
  });

  it('3 shards merged give the gradebook of one unsharded run on the same submissions', async function () {
    if (process.env.REPLEARN_SKIP_GRADING_E2E === '1') this.skip();
    writeFile(dir, 'autograder/synthetic.ipynb', autograderVersion(sourceNotebook()));
    // Six students (each with a different score) and one file that is not a notebook (graded without a kernel).
    const students = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'];
    students.forEach((s, i) => writeFile(dir, `subs/${s}/synthetic.ipynb`, maskedSubmission((i * 3) % 8)));
    writeFile(dir, 'subs/gus/synthetic.ipynb', 'not a notebook');
    const opts = (out: string, shard?: { index: number; count: number }): GradeOptions => ({
      outDir: path.join(dir, out),
      // One kernel at a time: on a loaded machine two at once can miss the kernel start limit.
      jobs: 1,
      sandbox: { ...DEFAULT_SANDBOX, memoryMb: 512 },
      shard,
    });
    const references = await runReferences(loadAssignments(path.join(dir, 'autograder')), opts('ref'));
    const subs = [path.join(dir, 'subs')];
    const whole = await gradeAgainst(references, subs, opts('whole'));
    const sizes: number[] = [];
    for (const index of [1, 2, 3]) {
      const part = await gradeAgainst(references, subs, opts(`part${index}`, { index, count: 3 }));
      sizes.push(part.results.length);
    }
    assert.equal(
      sizes.reduce((a, b) => a + b),
      7,
    );
    assert.ok(sizes.filter((n) => n > 0).length >= 2, `shard sizes ${sizes.join(', ')}: the test needs a real split`);
    const crashed = whole.results.filter((r) => r.exercises.some((e) => e.status === 'crashed'));
    assert.deepEqual(
      crashed.map((r) => r.student),
      [],
      'kernels crashed in the unsharded run (machine overloaded?)',
    );
    const merged = mergeGradebooks(
      // Given in another order than 1, 2, 3: the merge orders by the submissions, not by the folders.
      [3, 1, 2].map((i) => path.join(dir, `part${i}`)),
      path.join(dir, 'merged'),
    );
    assert.equal(merged.results.length, 7);
    for (const file of ['gradebook.csv', 'gradebook.json']) {
      assert.equal(
        fs.readFileSync(path.join(dir, 'merged', file), 'utf8'),
        fs.readFileSync(path.join(dir, 'whole', file), 'utf8'),
        file,
      );
    }
    assert.ok(whole.results.some((r) => r.points > 0) && whole.results.some((r) => r.error));
    for (const s of [...students, 'gus']) {
      assert.ok(fs.existsSync(path.join(dir, 'merged', 'feedback', s, 'synthetic.html')), `feedback of ${s}`);
    }
  });

  describe('merge refuses, in one line', () => {
    const result = (student: string): SubmissionResult => ({
      student,
      notebook: 'n.ipynb',
      file: `${student}/n.ipynb`,
      notes: [],
      exercises: [{ id: 'e', max: 1, points: 1, status: 'passed', tests: [] }],
      points: 1,
      max: 1,
      durationMs: 5,
    });
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    /** A correct 3-way split of `keys` into dir/name-K. */
    const shards = (name: string, count = 3): string[] =>
      Array.from({ length: count }, (_, i) => {
        const out = path.join(dir, `${name}-${i + 1}`);
        const mine = inShard(keys, { index: i + 1, count }, (k) => `${k}/n.ipynb`);
        writeGradebook(out, mine.map(result));
        writeShardHeader(out, { shard: { index: i + 1, count }, submissions: keys.map((k) => `${k}/n.ipynb`) });
        return out;
      });
    const refusal = (dirs: string[], pattern: RegExp): void => {
      assert.throws(
        () => mergeGradebooks(dirs, path.join(dir, `out-${Math.random()}`)),
        (e: Error) => e instanceof MergeError && pattern.test(e.message) && !e.message.includes('\n'),
      );
    };

    it('joins a correct split (the baseline of the refusals below)', () => {
      const merged = mergeGradebooks(shards('ok'), path.join(dir, 'ok-merged'));
      assert.deepEqual(
        merged.results.map((r) => r.student),
        keys,
      );
    });

    it('a missing shard (a gap)', () => {
      const [a, , c] = shards('gap');
      refusal([a, c], /shard 2\/3 is missing/);
    });

    it('the same shard twice', () => {
      const [a, b, c] = shards('twice');
      refusal([a, b, c, b], /shard 2\/3 is given twice/);
    });

    it('a submission in two gradebooks (an overlap)', () => {
      const [a, b, c] = shards('overlap');
      const stolen = inShard(keys, { index: 2, count: 3 }, (k) => `${k}/n.ipynb`)[0];
      writeGradebook(a, [...inShard(keys, { index: 1, count: 3 }, (k) => `${k}/n.ipynb`).map(result), result(stolen)]);
      refusal([a, b, c], new RegExp(`${stolen}/n.ipynb, which belongs to shard 2/3`));
      const plain1 = path.join(dir, 'plain-1');
      const plain2 = path.join(dir, 'plain-2');
      writeGradebook(plain1, [result('x'), result('y')]);
      writeGradebook(plain2, [result('y')]);
      refusal([plain1, plain2], /y\/n.ipynb is graded in both/);
    });

    it('a submission its shard never graded, shards of different runs, mixed inputs, no gradebook', () => {
      const [a, b, c] = shards('lost');
      const mine = inShard(keys, { index: 3, count: 3 }, (k) => `${k}/n.ipynb`);
      writeGradebook(c, mine.slice(1).map(result));
      refusal([a, b, c], new RegExp(`${mine[0]}/n.ipynb was never graded`));
      const [x, y, z] = shards('differ');
      writeShardHeader(z, { shard: { index: 3, count: 3 }, submissions: ['a/n.ipynb'] });
      refusal([x, y, z], /graded on different submissions/);
      const [p, q] = shards('count', 2);
      refusal([x, p, q], /shard of 3 but .* is a shard of 2/);
      refusal([path.join(dir, 'plain-1'), x], /is a shard but .* is not/);
      refusal([path.join(dir, 'nothing-here')], /holds no gradebook\.json/);
    });
  });
});
