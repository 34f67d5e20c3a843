import * as tf from '@tensorflow/tfjs';
import pl from 'nodejs-polars';
import { findDataFile } from './fetching/data-dirs';
import { withDataset } from './fetching/first-use';

/** The six base stats of the Pokémon table, in its column order. */
export const POKEMON_STATS = ['HP', 'Attack', 'Defense', 'Sp. Atk', 'Sp. Def', 'Speed'] as const;

/** The Kaggle "Pokemon with stats" table (800 rows × 13 columns, generations 1–6) as a nodejs-polars DataFrame,
 * read from the data directories (dataset "pokemon"; downloaded on first use). "Type 2" is null where a Pokémon has
 * one type. */
export async function loadPokemon(): Promise<pl.DataFrame> {
  return withDataset('pokemon', () => pl.readCSV(findDataFile('pokemon', 'pokemon.csv')));
}

/** The six base stats as an [N, 6] float32 tensor (rows in table order). */
export function pokemonStats(table: pl.DataFrame): tf.Tensor2D {
  const columns = POKEMON_STATS.map((name) => Float32Array.from(table.getColumn(name).toArray() as number[]));
  const n = table.height;
  const values = new Float32Array(n * POKEMON_STATS.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < columns.length; j++) values[i * columns.length + j] = columns[j][i];
  return tf.tensor2d(values, [n, POKEMON_STATS.length]);
}
