import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { sha256Hex } from '../../lib/data/fetching/checksum';
import { downloadFile, type DownloadProgress } from '../../lib/data/fetching/download';
import { fetchDataset } from '../../lib/data/fetching/fetch';
import { recordFetchFailure } from '../../lib/data/fetching/fetch-failures';
import { loadPokemon } from '../../lib/data/pokemon';
import { registryFile } from '../../lib/data/registry';
import { listingChecksum } from '../../lib/data/fetching/listing';
import type { DatasetEntry } from '../../lib/data/registry';
import { writeTarGz, writeZip, type FixtureFile } from '../support/archive-writers';
import { withDataDirs } from '../support/shared-data';

const payload = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
const faces: FixtureFile[] = [
  { path: 'orl_faces/README', data: Buffer.from('read me\n') },
  { path: 'orl_faces/s1/1.pgm', data: Buffer.from('P5\n1 1\n255\n\x07') },
  { path: 'orl_faces/s2/1.pgm', data: Buffer.from('P5\n1 1\n255\n\x09') },
  { path: 'unrelated.txt', data: Buffer.from('not part of the dataset') },
];
const pokemonCsv = Buffer.from('Name,HP\nBulbasaur,45\n');
const routes: Record<string, Buffer> = {
  '/mirror/fixture/sub/data.bin': payload,
  '/mirror/pokemon/pokemon.csv': pokemonCsv,
  '/good.bin': payload,
  '/other.bin': Buffer.from('something else entirely'),
  '/faces.zip': writeZip(faces),
  '/news.tar.gz': writeTarGz([
    { path: 'news/train/a/1', data: Buffer.from('hello') },
    { path: 'news/train/b/2', data: Buffer.from('world') },
  ]),
  '/slip.zip': writeZip([
    { path: 's1/1.pgm', data: Buffer.from('x') },
    { path: '../escape', data: Buffer.from('y') },
  ]),
};

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath ?? d.path, d.name)))
    .sort();
}

describe('data/fetch against a local http server', () => {
  let server: http.Server;
  let base = '';
  let cache = '';
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nodata-'));

  const requests: string[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      requests.push(url);
      if (url === '/silent') return; // accepts, never answers
      if (url === '/moved') {
        res.writeHead(302, { location: '/good.bin' });
        res.end();
        return;
      }
      if (url === '/cut') {
        res.writeHead(200, { 'content-length': 1000 });
        res.write(Buffer.alloc(400));
        res.destroy();
        return;
      }
      const body = routes[url];
      if (!body) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-length': body.length });
      // Two writes so progress is reported more than once.
      res.write(body.subarray(0, body.length >> 1));
      setTimeout(() => res.end(body.subarray(body.length >> 1)), 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-cache-'));
  });
  afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));
  after(() => {
    server.close();
    fs.rmSync(empty, { recursive: true, force: true });
  });

  const entry = (over: Partial<DatasetEntry>): DatasetEntry => ({
    name: 'fixture',
    title: 'test fixture',
    dir: 'fixture',
    homepage: '',
    license: '',
    citation: '',
    ...over,
  });

  it('downloadFile follows redirects, reports progress and verifies the checksum', async () => {
    const seen: DownloadProgress[] = [];
    const dest = path.join(cache, 'x', 'good.bin');
    const got = await downloadFile(`${base}/moved`, dest, {
      sha256: sha256Hex(payload),
      onProgress: (p) => seen.push(p),
    });
    assert.strictEqual(got.bytes, payload.length);
    assert.ok(fs.readFileSync(dest).equals(payload));
    assert.ok(seen.length >= 2, `${seen.length} progress reports`);
    assert.strictEqual(seen[seen.length - 1].received, payload.length);
    assert.strictEqual(seen[0].total, payload.length);
    assert.deepStrictEqual(filesUnder(cache), ['x/good.bin']);
  });

  it('a checksum mismatch is a clear error and leaves no file behind', async () => {
    const dest = path.join(cache, 'bad.bin');
    await assert.rejects(downloadFile(`${base}/other.bin`, dest, { sha256: sha256Hex(payload) }), (err: Error) =>
      /other\.bin: checksum mismatch: sha256 [0-9a-f]{64}, expected [0-9a-f]{64}; the download was deleted/.test(
        err.message,
      ),
    );
    await assert.rejects(downloadFile(`${base}/cut`, dest, {}), /cut/);
    await assert.rejects(downloadFile(`${base}/missing`, dest, {}), /HTTP 404/);
    assert.deepStrictEqual(filesUnder(cache), []);
  });

  it('fetchDataset tries each URL, saves verified files into the cache, then finds them present', async () => {
    const spec = {
      path: 'sub/data.bin',
      urls: [`${base}/missing`, `${base}/good.bin`],
      bytes: payload.length,
      sha256: sha256Hex(payload),
      checksumNote: '',
    };
    await withDataDirs(empty, async () => {
      const first = await fetchDataset(entry({ files: [spec] }), { cacheDir: cache });
      assert.deepStrictEqual(first.saved, [path.join(cache, 'fixture', 'sub', 'data.bin')]);
      const second = await fetchDataset(entry({ files: [spec] }), { cacheDir: cache });
      assert.deepStrictEqual([second.saved.length, second.present.length], [0, 1]);
      fs.rmSync(path.join(cache, 'fixture'), { recursive: true });
      const wrong = { ...spec, urls: [`${base}/other.bin`] };
      await assert.rejects(
        fetchDataset(entry({ files: [wrong] }), { cacheDir: cache }),
        /could not download data\.bin: .*checksum mismatch/,
      );
      assert.deepStrictEqual(filesUnder(cache), []);
      // One failing part does not stop the others; the error says what was saved.
      await assert.rejects(
        fetchDataset(entry({ files: [wrong, { ...spec, path: 'ok.bin' }] }), { cacheDir: cache }),
        /^Error: fixture: could not download data\.bin: .*\(saved: .*ok\.bin\)$/,
      );
      assert.deepStrictEqual(filesUnder(cache), ['fixture/ok.bin']);
    });
  });

  it('fetchDataset unpacks archives below their marker folder and checks the listing', async () => {
    const reference = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-ref-'));
    try {
      for (const f of faces.slice(0, 3)) {
        const target = path.join(reference, f.path.replace('orl_faces/', ''));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, f.data);
      }
      const listing = { ...listingChecksum(reference), note: 'fixture' };
      const zip = {
        urls: [`${base}/faces.zip`],
        format: 'zip' as const,
        marker: 's1/1.pgm',
        into: '',
        bytes: null,
        sha256: null,
        checksumNote: 'fixture archive',
      };
      await withDataDirs(empty, async () => {
        const report = await fetchDataset(entry({ archives: [zip], listing }), { cacheDir: cache });
        assert.deepStrictEqual(filesUnder(path.join(cache, 'fixture')), ['README', 's1/1.pgm', 's2/1.pgm']);
        assert.deepStrictEqual(report.warnings, ['archive checksum unverified: fixture archive']);
        fs.rmSync(path.join(cache, 'fixture'), { recursive: true });
        const off = await fetchDataset(entry({ archives: [zip], listing: { ...listing, sha256: '0'.repeat(64) } }), {
          cacheDir: cache,
        });
        assert.match(off.warnings[1], /listing checksum [0-9a-f]{64} \(3 files\) differs/);
        assert.deepStrictEqual(filesUnder(path.join(cache, '.downloads')), []);
      });
    } finally {
      fs.rmSync(reference, { recursive: true, force: true });
    }
  });

  it('tar.gz archives unpack into their sub-folder; a checked archive that differs is refused', async () => {
    const news = await fetch(`${base}/news.tar.gz`).then(async (r) => Buffer.from(await r.arrayBuffer()));
    const tar = {
      urls: [`${base}/news.tar.gz`],
      format: 'tar.gz' as const,
      marker: 'train/',
      into: 'part',
      bytes: null,
      sha256: sha256Hex(news),
      checksumNote: '',
    };
    await withDataDirs(empty, async () => {
      const report = await fetchDataset(entry({ archives: [tar] }), { cacheDir: cache });
      assert.deepStrictEqual(report.warnings, []);
      assert.deepStrictEqual(filesUnder(path.join(cache, 'fixture')), ['part/train/a/1', 'part/train/b/2']);
      fs.rmSync(path.join(cache, 'fixture'), { recursive: true });
      await assert.rejects(
        fetchDataset(entry({ archives: [{ ...tar, sha256: '0'.repeat(64) }] }), { cacheDir: cache }),
        /checksum mismatch/,
      );
      assert.deepStrictEqual(filesUnder(cache), []);
    });
  });

  it('refuses archive entries that would escape the dataset folder', async () => {
    const zip = {
      urls: [`${base}/slip.zip`],
      format: 'zip' as const,
      marker: 's1/1.pgm',
      into: '',
      bytes: null,
      sha256: null,
      checksumNote: '',
    };
    await withDataDirs(empty, () =>
      assert.rejects(
        fetchDataset(entry({ archives: [zip] }), { cacheDir: cache }),
        /points outside the dataset folder/,
      ),
    );
    assert.ok(!fs.existsSync(path.join(cache, 'escape')) && !fs.existsSync(path.join(cache, 'fixture', 's1')));
  });

  it('a silent server or a closed port fails fast with one line, leaving nothing', async () => {
    const t0 = Date.now();
    await assert.rejects(
      downloadFile(`${base}/silent`, path.join(cache, 's.bin'), { idleTimeoutMs: 300 }),
      /silent: no data for 0\.3 s/,
    );
    await assert.rejects(downloadFile('http://127.0.0.1:1/x', path.join(cache, 'c.bin')), /ECONNREFUSED/);
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
    assert.deepStrictEqual(filesUnder(cache), []);
  });

  it('REPLEARN_DATA_MIRROR replaces the registry URLs: <mirror>/<dataset dir>/<file>', async () => {
    const spec = {
      path: 'sub/data.bin',
      urls: ['http://unreachable.invalid/x'],
      bytes: null,
      sha256: sha256Hex(payload),
      checksumNote: '',
    };
    await withEnv({ REPLEARN_DATA_MIRROR: `${base}/mirror/`, REPLEARN_DATA: empty }, async () => {
      const report = await fetchDataset(entry({ files: [spec] }), { cacheDir: cache });
      assert.deepStrictEqual(report.saved, [path.join(cache, 'fixture', 'sub', 'data.bin')]);
    });
  });

  describe('data on first use: a loader downloads what it does not find', () => {
    const env = (over: Record<string, string>) => ({
      REPLEARN_DATA: empty,
      REPLEARN_CACHE: cache,
      REPLEARN_DATA_MIRROR: `${base}/mirror`,
      REPLEARN_FETCH: '1',
      ...over,
    });
    // The registry holds the real file's checksum: the fixture's stands in for it here.
    let restore: () => void = () => undefined;
    beforeEach(() => {
      const spec = registryFile('pokemon', 'pokemon.csv');
      assert.ok(spec);
      const saved = spec.sha256;
      spec.sha256 = sha256Hex(pokemonCsv);
      restore = () => (spec.sha256 = saved);
      recordFetchFailure('pokemon', null);
      requests.length = 0;
    });
    afterEach(() => restore());

    it('loadPokemon fetches pokemon.csv into the cache, verified, then reads it', async () => {
      const table = await withEnv(env({}), () => loadPokemon());
      assert.deepStrictEqual([table.height, table.getColumn('Name').get(0)], [1, 'Bulbasaur']);
      assert.deepStrictEqual(filesUnder(cache), ['pokemon/pokemon.csv']);
      assert.deepStrictEqual(requests, ['/mirror/pokemon/pokemon.csv']);
    });

    it('REPLEARN_FETCH=0: no request, the one-line DatasetMissingError', async () => {
      await withEnv(env({ REPLEARN_FETCH: '0' }), () =>
        assert.rejects(
          loadPokemon(),
          /^DatasetMissingError: dataset "pokemon" not found: .*npx replearn data fetch pokemon`$/,
        ),
      );
      assert.deepStrictEqual(requests, []);
    });

    it('a failed download is tried once and its reason joins the missing-dataset line', async () => {
      const run = () => withEnv(env({ REPLEARN_DATA_MIRROR: `${base}/nothing-here` }), () => loadPokemon());
      await assert.rejects(
        run(),
        /the download failed: .*nothing-here\/pokemon\/pokemon\.csv: HTTP 404.*fetch pokemon`$/,
      );
      await assert.rejects(run(), /HTTP 404/);
      assert.strictEqual(requests.length, 1);
      assert.deepStrictEqual(filesUnder(cache), []);
    });
  });
});

/** Run `body` with environment variables set, restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string>, body: () => T | Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
