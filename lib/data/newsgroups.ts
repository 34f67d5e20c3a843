import * as fs from 'fs';
import * as path from 'path';
import { findDataFile } from './fetching/data-dirs';
import { withDataset } from './fetching/first-use';

/** One split of 20 Newsgroups "bydate": the messages, their newsgroup and where each came from. */
export interface NewsgroupsSplit {
  /** Message texts, decoded as Latin-1 (headers removed when asked). */
  texts: string[];
  /** Newsgroup of each message, an index into `groupNames`. */
  labels: Int32Array;
  /** The 20 newsgroup names in alphabetical order (alt.atheism … talk.religion.misc). */
  groupNames: string[];
  /** "<newsgroup>/<id>" of each message. */
  ids: string[];
}

/** Options of {@link loadNewsgroups}. */
export interface NewsgroupsOptions {
  /** 'train' (11,314 messages, the default) or 'test' (7,532). */
  split?: 'train' | 'test';
  /** Drop everything before the first blank line, as scikit-learn's remove=('headers',) does (default false). */
  removeHeaders?: boolean;
  /** Read only the first n messages (by id) of each newsgroup: small, balanced samples for tests. */
  perGroup?: number;
}

/** The six top-level groups of Jason Rennie's 20 Newsgroups page, in display order. */
export const NEWSGROUP_TOP_LEVELS: readonly string[] = ['comp', 'rec', 'sci', 'misc', 'politics', 'religion'];

/** The top-level group of a newsgroup name: comp.*, rec.*, sci.*, misc.forsale, talk.politics.*, and religion
 * (alt.atheism, soc.religion.christian and talk.religion.misc discuss the same subject from three sides). */
export function newsgroupTopLevel(group: string): string {
  if (group.startsWith('talk.politics.')) return 'politics';
  if (group === 'alt.atheism' || group.includes('religion')) return 'religion';
  const head = group.split('.')[0];
  if (!NEWSGROUP_TOP_LEVELS.includes(head)) throw new Error(`newsgroupTopLevel: unknown newsgroup "${group}"`);
  return head;
}

/** Raw message bytes as text: the corpus is Latin-1 (some messages hold bytes that are invalid UTF-8), and CRLF
 * line ends become LF so that header stripping finds the blank line in every message. */
export function decodeNewsgroupMessage(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').replace(/\r\n/g, '\n');
}

/** The body of a message: everything after the first blank line (scikit-learn's strip_newsgroup_header). A message
 * with no blank line has no body left. */
export function stripNewsgroupHeaders(text: string): string {
  const blank = text.indexOf('\n\n');
  return blank < 0 ? '' : text.slice(blank + 2);
}

/** The Subject: header of a message ('' when it has none): a one-line summary to show beside a retrieved document. */
export function newsgroupSubject(text: string): string {
  const blank = text.indexOf('\n\n');
  const headers = blank < 0 ? text : text.slice(0, blank);
  return /^Subject:[ \t]*(.*)$/m.exec(headers)?.[1].trim() ?? '';
}

function numericNames(dir: string): string[] {
  return fs.readdirSync(dir).sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Load one split of 20 Newsgroups from the data directories (dataset "20news-bydate", downloaded on first use),
 * newsgroup by newsgroup, messages in id order. */
export async function loadNewsgroups(options: NewsgroupsOptions = {}): Promise<NewsgroupsSplit> {
  return withDataset('20news-bydate', () => readNewsgroups(options));
}

function readNewsgroups(options: NewsgroupsOptions): NewsgroupsSplit {
  const { split = 'train', removeHeaders = false, perGroup } = options;
  const root = findDataFile('20news-bydate', `20news-bydate-${split}`);
  const groupNames = fs
    .readdirSync(root)
    .filter((d) => fs.statSync(path.join(root, d)).isDirectory())
    .sort();
  const texts: string[] = [];
  const labels: number[] = [];
  const ids: string[] = [];
  groupNames.forEach((group, label) => {
    const names = numericNames(path.join(root, group));
    for (const name of perGroup === undefined ? names : names.slice(0, perGroup)) {
      const text = decodeNewsgroupMessage(fs.readFileSync(path.join(root, group, name)));
      texts.push(removeHeaders ? stripNewsgroupHeaders(text) : text);
      labels.push(label);
      ids.push(`${group}/${name}`);
    }
  });
  return { texts, labels: Int32Array.from(labels), groupNames, ids };
}
