import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { POKEMON_STATS, loadPokemon, pokemonStats } from '../../lib/data/pokemon';
import { haveDataset, needsData } from '../support/needs-data';

describe('data/pokemon', () => {
  it('says which dataset is missing and how to get it', async () => {
    const saved = process.env.REPLEARN_DATA;
    process.env.REPLEARN_DATA = path.join(__dirname, 'no-such-folder');
    try {
      if (!haveDataset('pokemon'))
        await assert.rejects(
          () => loadPokemon(),
          (err: Error) => err.message.includes('pokemon') && err.message.includes('fetch'),
        );
    } finally {
      if (saved === undefined) delete process.env.REPLEARN_DATA;
      else process.env.REPLEARN_DATA = saved;
    }
  });

  it('reads 800 rows, 18 primary types, and stats that add up to the Total column', async function () {
    needsData(this, 'pokemon');
    const table = await loadPokemon();
    assert.deepStrictEqual([table.height, table.width], [800, 13]);
    assert.strictEqual(table.getColumn('Type 1').unique().len(), 18);
    assert.strictEqual(table.getColumn('Name').get(0), 'Bulbasaur');
    const stats = pokemonStats(table);
    assert.deepStrictEqual(stats.shape, [800, POKEMON_STATS.length]);
    assert.deepStrictEqual(Array.from(stats.dataSync().slice(0, 6)), [45, 49, 49, 65, 65, 45]);
    const sums = tf.tidy(() => stats.sum(1).dataSync());
    const totals = table.getColumn('Total').toArray() as number[];
    assert.ok(
      totals.every((t, i) => t === sums[i]),
      'a row whose stats do not add up to its Total',
    );
    tf.dispose(stats);
  });
});
