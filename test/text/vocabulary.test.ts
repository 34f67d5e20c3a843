import * as assert from 'assert';
import { countMatrix, countVector } from '../../lib/text/bag-of-words';
import { csrToArray } from '../../lib/text/sparse-matrix';
import { tokenize } from '../../lib/text/tokenize';
import { buildVocabulary } from '../../lib/text/vocabulary';

describe('text/vocabulary and bag of words', () => {
  const docs = ['the cat sat on the mat', 'the dog sat', 'cat and dog and cat'].map((t) => tokenize(t));

  it('keeps the most frequent non-stop words, ties in alphabetical order', () => {
    const v = buildVocabulary(docs, { size: 3 });
    assert.deepStrictEqual(v.terms, ['cat', 'dog', 'sat']);
    assert.deepStrictEqual(Array.from(v.counts), [3, 2, 2]);
    assert.deepStrictEqual(Array.from(v.documentCounts), [2, 2, 2]);
    assert.strictEqual(v.index.get('dog'), 1);
    const all = buildVocabulary(docs, { stopWords: new Set() });
    assert.deepStrictEqual(all.terms, ['cat', 'the', 'and', 'dog', 'sat', 'mat', 'on']);
    assert.throws(() => buildVocabulary(docs, { size: 0 }), /positive integer/);
  });

  it('counts vocabulary words per document, ignoring the rest', () => {
    const v = buildVocabulary(docs, { size: 3 });
    assert.deepStrictEqual(countVector(tokenize('Cat, cat, DOG and a fish'), v), [2, 1, 0]);
    const m = countMatrix(docs, v);
    assert.deepStrictEqual(csrToArray(m), [
      [1, 0, 1],
      [0, 1, 1],
      [2, 1, 0],
    ]);
    assert.deepStrictEqual(Array.from(m.indptr), [0, 2, 4, 6]);
  });
});
