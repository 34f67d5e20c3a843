// Binary codes packed 32 to a word, compared by Hamming distance (XOR + popcount). A search scans the whole set:
// distances are small integers (0..bits), so the k nearest come out of a counting pass, with no sort of N items.
import * as tf from '@tensorflow/tfjs';

/** N binary codes of `bits` bits each, packed little-end-first into `wordsPerCode` Uint32 words per code. */
export interface PackedCodes {
  words: Uint32Array;
  count: number;
  bits: number;
  wordsPerCode: number;
}

/** Pack row-major bits (N × bits, nonzero = 1) into 32-bit words. */
export function packBits(bits: ArrayLike<number>, count: number, nBits: number): PackedCodes {
  if (bits.length !== count * nBits)
    throw new Error(`packBits: ${bits.length} values for ${count} codes of ${nBits} bits`);
  const wordsPerCode = Math.ceil(nBits / 32);
  const words = new Uint32Array(count * wordsPerCode);
  for (let i = 0; i < count; i++) {
    for (let b = 0; b < nBits; b++) {
      if (bits[i * nBits + b]) words[i * wordsPerCode + (b >>> 5)] |= 1 << (b & 31);
    }
  }
  return { words, count, bits: nBits, wordsPerCode };
}

/** Pack a [N, bits] tensor of code activations: a bit is 1 where the activation exceeds `threshold` (default 0.5). */
export function packCodes(codes: tf.Tensor2D, threshold = 0.5): PackedCodes {
  const [n, b] = codes.shape;
  const on = tf.tidy(() => tf.greater(codes, threshold).toInt());
  try {
    return packBits(on.dataSync(), n, b);
  } finally {
    on.dispose();
  }
}

/** The bits of code i as 0/1 numbers (for showing or checking a packed code). */
export function unpackCode(codes: PackedCodes, i: number): Uint8Array {
  const out = new Uint8Array(codes.bits);
  for (let b = 0; b < codes.bits; b++) out[b] = (codes.words[i * codes.wordsPerCode + (b >>> 5)] >>> (b & 31)) & 1;
  return out;
}

/** Number of set bits in a 32-bit word (the SWAR method: pairs, nibbles, then bytes summed by one multiply). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between code i of `a` and code j of `b` (same bit length). */
export function hammingDistance(a: PackedCodes, i: number, b: PackedCodes, j: number): number {
  checkSameLength(a, b);
  let d = 0;
  const w = a.wordsPerCode;
  for (let k = 0; k < w; k++) d += popcount32(a.words[i * w + k] ^ b.words[j * w + k]);
  return d;
}

/** Hamming distances from query code q to every code of the database, into `out` (allocated when absent). */
export function hammingDistancesTo(
  queries: PackedCodes,
  q: number,
  database: PackedCodes,
  out = new Uint16Array(database.count),
): Uint16Array {
  checkSameLength(queries, database);
  const w = database.wordsPerCode;
  const qw = queries.words.subarray(q * w, (q + 1) * w);
  const db = database.words;
  for (let i = 0, off = 0; i < database.count; i++, off += w) {
    let d = 0;
    for (let k = 0; k < w; k++) d += popcount32(qw[k] ^ db[off + k]);
    out[i] = d;
  }
  return out;
}

/** The k nearest codes of one query, nearest first; equal distances keep database order. */
export interface HammingNeighbours {
  indices: Int32Array;
  distances: Uint16Array;
}

/** Options of {@link hammingTopK} and {@link hammingSearch}. */
export interface HammingSearchOptions {
  /** Database index to leave out (the query itself, when queries come from the database). */
  exclude?: number;
}

/** Exact k nearest neighbours of query code q in the whole database by Hamming distance: one scan plus a counting pass. */
export function hammingTopK(
  queries: PackedCodes,
  q: number,
  database: PackedCodes,
  k: number,
  options: HammingSearchOptions = {},
  scratch?: Uint16Array,
): HammingNeighbours {
  const d = hammingDistancesTo(queries, q, database, scratch);
  const skip = options.exclude ?? -1;
  const kk = Math.min(k, database.count - (skip >= 0 && skip < database.count ? 1 : 0));
  // Histogram of distances, then the smallest radius whose ball holds k codes.
  const counts = new Int32Array(database.bits + 2);
  for (let i = 0; i < database.count; i++) if (i !== skip) counts[d[i]]++;
  let radius = 0;
  for (let seen = counts[0]; seen < kk; seen += counts[++radius]);
  // Bucket starts; codes inside the radius land at their slot in (distance, index) order until k are placed.
  const start = new Int32Array(radius + 2);
  for (let r = 0; r <= radius; r++) start[r + 1] = start[r] + counts[r];
  const indices = new Int32Array(kk);
  const distances = new Uint16Array(kk);
  for (let i = 0; i < database.count; i++) {
    const r = d[i];
    if (r > radius || i === skip) continue;
    const slot = start[r]++;
    if (slot < kk) {
      indices[slot] = i;
      distances[slot] = r;
    }
  }
  return { indices, distances };
}

/** k nearest codes for every query (each one scanned over the whole database), as index and distance lists. */
export function hammingSearch(
  queries: PackedCodes,
  database: PackedCodes,
  k: number,
  excludeIndices?: ArrayLike<number>,
): { indices: number[][]; distances: number[][] } {
  const scratch = new Uint16Array(database.count);
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let q = 0; q < queries.count; q++) {
    const top = hammingTopK(queries, q, database, k, { exclude: excludeIndices?.[q] }, scratch);
    indices.push(Array.from(top.indices));
    distances.push(Array.from(top.distances));
  }
  return { indices, distances };
}

/** Select codes by index into a new packed set (e.g. the query images out of the database). */
export function selectCodes(codes: PackedCodes, which: ArrayLike<number>): PackedCodes {
  const w = codes.wordsPerCode;
  const words = new Uint32Array(which.length * w);
  for (let i = 0; i < which.length; i++) words.set(codes.words.subarray(which[i] * w, (which[i] + 1) * w), i * w);
  return { words, count: which.length, bits: codes.bits, wordsPerCode: w };
}

function checkSameLength(a: PackedCodes, b: PackedCodes): void {
  if (a.bits !== b.bits) throw new Error(`Hamming distance needs codes of one length: ${a.bits} vs ${b.bits} bits`);
}
