import * as assert from 'assert';
import { countMatrix } from '../../lib/text/bag-of-words';
import { sparseDotScores, vectorCosine } from '../../lib/text/cosine';
import { csrFromDense, csrToArray, csrTranspose } from '../../lib/text/sparse-matrix';
import { inverseDocumentFrequency, tfidfMatrix } from '../../lib/text/tf-idf';
import { tokenize } from '../../lib/text/tokenize';
import { buildVocabulary } from '../../lib/text/vocabulary';
import { assertClose as close } from '../support/close';

describe('text/tf-idf and cosine', () => {
  // Three documents; columns by frequency: cherry (3), apple (2), banana (2), date (1).
  // By hand: idf = ln(3/df): apple, date 1.098612 (df 1); banana, cherry 0.405465 (df 2).
  // d1 = (2·1.098612, 0.405465) / 2.234306 = (0.983396, 0.181471); d3 = (2·0.405465, 1.098612) / 1.365497 = (0.593876, 0.804557).
  const docs = ['apple banana apple', 'banana cherry', 'cherry cherry date'].map((t) => tokenize(t));
  const vocab = buildVocabulary(docs, { stopWords: new Set() });
  const counts = countMatrix(docs, vocab);

  it('matches a hand-computed example', () => {
    assert.deepStrictEqual(vocab.terms, ['cherry', 'apple', 'banana', 'date']);
    const idf = inverseDocumentFrequency(counts);
    [0.405465, 1.098612, 0.405465, 1.098612].forEach((v, i) => close(idf[i], v, 1e-6));
    const want = [
      [0, 0.983396, 0.181471, 0],
      [0.707107, 0, 0.707107, 0],
      [0.593876, 0, 0, 0.804557],
    ];
    csrToArray(tfidfMatrix(counts, idf)).forEach((row, r) => row.forEach((v, c) => close(v, want[r][c], 1e-6)));
    const raw = csrToArray(tfidfMatrix(counts, idf, { normalize: false }));
    close(raw[0][1], 2.197225, 1e-6);
    assert.throws(() => tfidfMatrix(counts, new Float64Array(3)), /3 idf weights for 4 terms/);
  });

  it('a term in every document weighs nothing', () => {
    const idf = inverseDocumentFrequency(
      csrFromDense([
        [1, 2],
        [3, 0],
      ]),
    );
    assert.deepStrictEqual(Array.from(idf), [0, Math.log(2)]);
  });

  it('cosine of plain vectors and sparse dot products through an inverted index agree', () => {
    close(vectorCosine([1, 0], [0, 1]), 0, 1e-12);
    close(vectorCosine([1, 2, 3], [2, 4, 6]), 1, 1e-12);
    close(vectorCosine([1, 1], [1, 0]), Math.SQRT1_2, 1e-12);
    assert.strictEqual(vectorCosine([0, 0], [1, 1]), 0);
    const x = tfidfMatrix(counts, inverseDocumentFrequency(counts));
    const dense = csrToArray(x);
    const scores = sparseDotScores(x, 2, csrTranspose(x), new Float32Array(3));
    dense.forEach((row, d) => close(scores[d], vectorCosine(dense[2], row), 1e-6));
    close(scores[1], 0.707107 * 0.593876, 1e-6);
  });
});
