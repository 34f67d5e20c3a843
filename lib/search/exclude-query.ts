/** Neighbour lists as nearestNeighbours / hammingSearch return them: one row per query, nearest first. */
export interface NeighbourLists {
  indices: number[][];
  distances: number[][];
}

/**
 * Remove each query's own database index from its neighbour list and keep the first k: when the queries are drawn
 * from the database, a search returns the query itself at distance 0 (ask it for k + 1 neighbours).
 */
export function dropQueryFromNeighbours(
  lists: NeighbourLists,
  queryIndices: ArrayLike<number>,
  k: number,
): NeighbourLists {
  if (lists.indices.length !== queryIndices.length) {
    throw new Error(`dropQueryFromNeighbours: ${lists.indices.length} lists for ${queryIndices.length} queries`);
  }
  const indices: number[][] = [];
  const distances: number[][] = [];
  lists.indices.forEach((row, q) => {
    const keep = row
      .map((_, r) => r)
      .filter((r) => row[r] !== queryIndices[q])
      .slice(0, k);
    indices.push(keep.map((r) => row[r]));
    distances.push(keep.map((r) => lists.distances[q][r]));
  });
  return { indices, distances };
}
