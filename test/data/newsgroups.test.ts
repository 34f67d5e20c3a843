import * as assert from 'assert';
import { DatasetMissingError } from '../../lib/data/data-errors';
import {
  decodeNewsgroupMessage,
  loadNewsgroups,
  newsgroupSubject,
  NEWSGROUP_TOP_LEVELS,
  newsgroupTopLevel,
  stripNewsgroupHeaders,
} from '../../lib/data/newsgroups';
import { useSharedTestData, withDataDirs } from '../support/shared-data';
import { needsData } from '../support/needs-data';

describe('data/newsgroups', () => {
  before(() => {
    useSharedTestData();
  });

  it('decodes CRLF messages and strips headers up to the first blank line', () => {
    const text = decodeNewsgroupMessage(Buffer.from('From: a@b\r\nSubject: hi\r\n\r\nBody line\r\n\r\nmore'));
    assert.strictEqual(text, 'From: a@b\nSubject: hi\n\nBody line\n\nmore');
    assert.strictEqual(stripNewsgroupHeaders(text), 'Body line\n\nmore');
    assert.strictEqual(stripNewsgroupHeaders('only headers\n'), '');
    assert.strictEqual(newsgroupSubject(text), 'hi');
    assert.strictEqual(newsgroupSubject('From: x\n\nSubject: in the body'), '');
  });

  it('maps the 20 newsgroups onto six top-level groups', () => {
    assert.strictEqual(newsgroupTopLevel('comp.sys.mac.hardware'), 'comp');
    assert.strictEqual(newsgroupTopLevel('misc.forsale'), 'misc');
    assert.strictEqual(newsgroupTopLevel('talk.politics.guns'), 'politics');
    assert.strictEqual(newsgroupTopLevel('talk.religion.misc'), 'religion');
    assert.strictEqual(newsgroupTopLevel('alt.atheism'), 'religion');
    assert.strictEqual(newsgroupTopLevel('soc.religion.christian'), 'religion');
    assert.throws(() => newsgroupTopLevel('news.answers'), /unknown newsgroup/);
    assert.strictEqual(NEWSGROUP_TOP_LEVELS.length, 6);
  });

  it('reads both splits with the canonical counts', async function () {
    needsData(this, '20news-bydate');
    this.timeout(60000);
    const train = await loadNewsgroups();
    const test = await loadNewsgroups({ split: 'test' });
    assert.strictEqual(train.texts.length, 11314);
    assert.strictEqual(test.texts.length, 7532);
    assert.strictEqual(train.groupNames.length, 20);
    assert.strictEqual(train.groupNames[0], 'alt.atheism');
    assert.strictEqual(train.labels.filter((l) => l === 19).length, 377); // talk.religion.misc
    assert.deepStrictEqual(new Set(train.groupNames.map(newsgroupTopLevel)), new Set(NEWSGROUP_TOP_LEVELS));
    // 73 files hold 8-bit bytes: read as Latin-1 no replacement character appears anywhere.
    assert.ok(![...train.texts, ...test.texts].some((t) => t.includes('\ufffd')));
    assert.ok([...train.texts, ...test.texts].some((t) => /[\u00c0-\u00ff]/.test(t)));
  });

  it('strips headers on request and samples per group', async function () {
    needsData(this, '20news-bydate');
    const raw = await loadNewsgroups({ perGroup: 2 });
    const bodies = await loadNewsgroups({ perGroup: 2, removeHeaders: true });
    assert.strictEqual(raw.texts.length, 40);
    assert.deepStrictEqual(Array.from(raw.labels.slice(0, 4)), [0, 0, 1, 1]);
    assert.ok(raw.texts[0].startsWith('From:'));
    assert.ok(
      !/^(From|Subject):/m.test(bodies.texts[0].split('\n\n')[0]) || bodies.texts[0].length < raw.texts[0].length,
    );
    assert.strictEqual(bodies.texts[0], stripNewsgroupHeaders(raw.texts[0]));
    assert.strictEqual(raw.ids[0], `alt.atheism/${raw.ids[0].split('/')[1]}`);
  });

  it('names the dataset when it is missing', async () => {
    await withDataDirs('/nonexistent-replearn-data', async () => {
      await assert.rejects(
        loadNewsgroups(),
        (e: unknown) => e instanceof DatasetMissingError && e.message.includes('20news-bydate'),
      );
    });
  });
});
