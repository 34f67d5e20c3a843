import * as assert from 'assert';
import * as path from 'path';
import { findDataFile } from '../../lib/data/fetching/data-dirs';
import { signaturePairs } from '../../lib/data/signature-pairs';
import { loadSvc2004, parseSvc2004, svc2004Trajectory } from '../../lib/data/svc2004';
import { needsData } from '../support/needs-data';

function haveSvc2004(): boolean {
  try {
    findDataFile('svc2004', 'task1/U1S1.TXT');
    return true;
  } catch {
    return false;
  }
}

describe('data/svc2004', () => {
  it('parses LF and CRLF files, 4 or 7 columns, and checks the point count', () => {
    const t1 = parseSvc2004('2\n635 5541 31077710 0\n618 5431 31077720 1\n');
    assert.deepStrictEqual(Array.from(t1.x), [635, 618]);
    assert.deepStrictEqual(Array.from(t1.button), [0, 1]);
    assert.strictEqual(t1.pressure, undefined);
    const t2 = parseSvc2004('1\r\n2933 5678 31275775 0 1550 710 439\r\n');
    assert.deepStrictEqual(Array.from(t2.pressure ?? []), [439]);
    assert.throws(() => parseSvc2004('3\n1 2 3 0\n'), /says 3 points but 1 rows/);
    assert.throws(() => parseSvc2004('1\n1 2 3\n'), /4 \(Task 1\) or 7/);
    // Undocumented button values 2–5 count as pen down.
    assert.deepStrictEqual(
      Array.from(svc2004Trajectory(parseSvc2004('3\n0 0 0 0\n1 1 10 3\n2 2 20 5\n')).down),
      [0, 1, 1],
    );
  });

  it('says which dataset is missing and how to get it when the data directory lacks it', async () => {
    const saved = process.env.REPLEARN_DATA;
    process.env.REPLEARN_DATA = path.join(__dirname, 'no-such-folder');
    try {
      await assert.rejects(
        loadSvc2004({ users: [1] }),
        (err: Error) => err.message.includes('svc2004') && err.message.includes('fetch'),
      );
    } finally {
      if (saved === undefined) delete process.env.REPLEARN_DATA;
      else process.env.REPLEARN_DATA = saved;
    }
  });

  it('loads real users as [80, 200, 8] with genuine 1–20 and forgeries 21–40', async function () {
    if (!haveSvc2004()) {
      needsData(this, 'svc2004');
      return;
    }
    const set = await loadSvc2004({ users: [1, 2] });
    assert.deepStrictEqual(set.features.shape, [80, 200, 8]);
    assert.deepStrictEqual(Array.from(set.users.slice(38, 42)), [1, 1, 2, 2]);
    assert.deepStrictEqual(Array.from(set.samples.slice(18, 22)), [19, 20, 21, 22]);
    assert.deepStrictEqual(Array.from(set.genuine.slice(18, 22)), [1, 1, 0, 0]);
    const f = set.features.dataSync();
    assert.ok(f.every(Number.isFinite), 'non-finite feature');
    // Pen-down channel is 0/1 and mostly 1; positions are centred.
    const pen = Array.from({ length: 80 * 200 }, (_, k) => f[k * 8 + 7]);
    assert.ok(pen.every((v) => v === 0 || v === 1));
    const down = pen.reduce((s, v) => s + v, 0) / pen.length;
    assert.ok(down > 0.5 && down < 1, `pen-down fraction ${down}`);
    // The public data's skilled forgeries are written more slowly than the genuine signatures (SOURCE.md).
    const meanSpeed = (from: number, to: number): number => {
      let s = 0;
      for (let i = from; i < to; i++) for (let k = 0; k < 200; k++) s += f[(i * 200 + k) * 8 + 4];
      return s / ((to - from) * 200);
    };
    assert.ok(meanSpeed(0, 20) > meanSpeed(20, 40), 'user 1 forgeries are not slower');
    set.features.dispose();
    await assert.rejects(loadSvc2004({ users: [41] }), /not in 1\.\.40/);
  });

  it('pairs genuine–genuine (190) and genuine–forgery (400) signatures within each user only', () => {
    const users = Int32Array.from({ length: 80 }, (_, i) => (i < 40 ? 3 : 7));
    const genuine = Uint8Array.from({ length: 80 }, (_, i) => (i % 40 < 20 ? 1 : 0));
    const pairs = signaturePairs({ users, genuine }, [3, 7]);
    assert.strictEqual(pairs.same.length, 2 * (190 + 400));
    let matches = 0;
    for (let i = 0; i < pairs.same.length; i++) {
      assert.strictEqual(users[pairs.left[i]], users[pairs.right[i]]);
      assert.strictEqual(genuine[pairs.left[i]], 1);
      assert.strictEqual(pairs.same[i], genuine[pairs.right[i]]);
      matches += pairs.same[i];
    }
    assert.strictEqual(matches, 2 * 190);
    assert.strictEqual(signaturePairs({ users, genuine }, [7]).same.length, 590);
  });
});
