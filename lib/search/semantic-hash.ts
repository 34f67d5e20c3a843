// Semantic hashing (Salakhutdinov & Hinton 2009): a short binary code is used as a memory address. Similar items
// sit at nearby addresses, so a query looks up every address within a small Hamming radius of its own — a cost set
// by the radius, not by the size of the database.
import type { PackedCodes } from './hamming';

/** Address → database indices stored there, for codes of at most 32 bits (one word each). */
export type AddressTable = Map<number, number[]>;

/** Bucket every code of the database by its address (its single 32-bit word). */
export function addressTable(codes: PackedCodes): AddressTable {
  if (codes.wordsPerCode !== 1)
    throw new Error(`addressTable: codes of ${codes.bits} bits do not fit one 32-bit address`);
  const table: AddressTable = new Map();
  for (let i = 0; i < codes.count; i++) {
    const a = codes.words[i];
    const bucket = table.get(a);
    if (bucket) bucket.push(i);
    else table.set(a, [i]);
  }
  return table;
}

/** Every address within Hamming distance `radius` of `address` among `bits`-bit addresses (each once). */
export function addressesWithin(address: number, bits: number, radius: number): number[] {
  const out: number[] = [];
  // Flip bit positions in increasing order so each subset of at most `radius` bits is visited once.
  const visit = (a: number, from: number, left: number): void => {
    out.push(a >>> 0);
    if (left === 0) return;
    for (let b = from; b < bits; b++) visit(a ^ (1 << b), b + 1, left - 1);
  };
  visit(address, 0, radius);
  return out;
}

/** Database indices whose code lies within `radius` of `address`, nearest addresses first. */
export function semanticHashLookup(table: AddressTable, address: number, bits: number, radius: number): number[] {
  const byDistance: number[][] = Array.from({ length: radius + 1 }, () => []);
  for (const a of addressesWithin(address, bits, radius)) {
    const bucket = table.get(a);
    if (bucket) byDistance[popcount(a ^ address)].push(...bucket);
  }
  return byDistance.flat();
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v; v &= v - 1) c++;
  return c;
}
