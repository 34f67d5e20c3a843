import * as assert from 'assert';
import { decodeNewsgroupMessage } from '../../lib/data/newsgroups';
import { ENGLISH_STOP_WORDS } from '../../lib/text/stop-words';
import { tokenize } from '../../lib/text/tokenize';

describe('text/tokenize', () => {
  it('lower-cases words and drops punctuation, bare numbers and single letters', () => {
    assert.deepStrictEqual(tokenize('This is an apple.'), ['this', 'is', 'an', 'apple']);
    assert.deepStrictEqual(tokenize("I paid $1,200 for 2 X11R5 tapes -- don't ask!"), [
      'paid',
      'for',
      'x11r5',
      'tapes',
      'don',
      'ask',
    ]);
    assert.deepStrictEqual(tokenize('a bb ccc', { minLength: 3 }), ['ccc']);
    assert.deepStrictEqual(tokenize(''), []);
  });

  it('keeps Latin-1 letters decoded from raw bytes as parts of words', () => {
    // "Café Ø Übermensch naïve" in Latin-1: é = 0xE9, Ø = 0xD8, Ü = 0xDC, ï = 0xEF; invalid as UTF-8.
    const bytes = Uint8Array.from([
      0x43,
      0x61,
      0x66,
      0xe9,
      0x20,
      0xd8,
      0x20,
      0xdc,
      ...Buffer.from('bermensch na'),
      0xef,
      ...Buffer.from('ve'),
    ]);
    const text = decodeNewsgroupMessage(bytes);
    assert.strictEqual(text, 'Café Ø Übermensch naïve');
    assert.deepStrictEqual(tokenize(text), ['café', 'übermensch', 'naïve']);
    // Decoded as UTF-8 the same bytes would break the words at U+FFFD.
    assert.notDeepStrictEqual(tokenize(Buffer.from(bytes).toString('utf8')), tokenize(text));
  });

  it('has a stop-word list of common function words only', () => {
    for (const w of ['the', 'and', 'is', 'don', 'would']) assert.ok(ENGLISH_STOP_WORDS.has(w), w);
    for (const w of ['apple', 'god', 'space', 'windows']) assert.ok(!ENGLISH_STOP_WORDS.has(w), w);
  });
});
