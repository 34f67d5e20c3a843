import * as assert from 'assert';
import { countMatrix } from '../../lib/text/bag-of-words';
import { corpusStatistics, vocabularyTable } from '../../lib/text/corpus-statistics';
import { inverseDocumentFrequency } from '../../lib/text/tf-idf';
import { tokenize } from '../../lib/text/tokenize';
import { buildVocabulary } from '../../lib/text/vocabulary';

describe('text/corpus-statistics', () => {
  const docs = ['the cat sat', 'a dog and a cat ran', 'dogs'].map((t) => tokenize(t));
  const vocab = buildVocabulary(docs, { size: 2 });
  const counts = countMatrix(docs, vocab);

  it('counts documents, tokens and in-vocabulary tokens per group', () => {
    const df = corpusStatistics([0, 1, 1], ['g0', 'g1'], docs, counts);
    assert.deepStrictEqual(df.columns, ['newsgroup', 'documents', 'tokens per document', 'in vocabulary']);
    const rows = df.toRecords();
    // g0: "the cat sat" → 3 tokens, vocabulary [cat, dog] keeps 1. g1: 4 + 1 tokens ("a" is too short), keeps cat + dog = 2.
    assert.deepStrictEqual(rows[0], {
      newsgroup: 'g0',
      documents: 1,
      'tokens per document': 3,
      'in vocabulary': 1 / 3,
    });
    assert.deepStrictEqual(rows[1], {
      newsgroup: 'g1',
      documents: 2,
      'tokens per document': 2.5,
      'in vocabulary': 2 / 5,
    });
    assert.throws(() => corpusStatistics([0], ['g0'], docs), /1 labels for 3 documents/);
  });

  it('lists the most frequent terms with counts and idf', () => {
    const df = vocabularyTable(vocab, 5, inverseDocumentFrequency(counts));
    assert.deepStrictEqual(df.getColumn('term').toArray(), ['cat', 'dog']);
    assert.deepStrictEqual(df.getColumn('count').toArray(), [2, 1]);
    assert.ok(Math.abs((df.getColumn('idf').toArray()[0] as number) - Math.log(3 / 2)) < 1e-12);
  });
});
