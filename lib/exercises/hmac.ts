// HMAC-SHA256 in plain JavaScript for the grading recorder. Node's crypto would do, but its objects
// live on prototypes a student's code can patch to see the key; this code touches no prototype
// method after load (only operators and typed arrays captured here), so it has nothing to patch.
/* eslint-disable @typescript-eslint/unbound-method -- intrinsics are captured unbound at load, before notebook code could patch them, and called through call/apply/bind */

const U32 = Uint32Array;
const U8 = Uint8Array;
const charCode = Function.prototype.call.bind(String.prototype.charCodeAt) as (s: string, i: number) => number;
const fromCharCode = String.fromCharCode;
const floor = Math.floor;
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as Uint8Array;
const setBytes = Function.prototype.call.bind(typedArrayProto.set) as (
  target: Uint8Array,
  src: Uint8Array,
  offset?: number,
) => void;
const subarray = Function.prototype.call.bind(typedArrayProto.subarray) as (
  a: Uint8Array,
  start: number,
  end: number,
) => Uint8Array;

const K = new U32([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** The UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  const out = new U8(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = charCode(text, i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = charCode(text, i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return subarray(out, 0, n);
}

/** SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const bitLength = bytes.length * 8;
  const padded = new U8(((bytes.length + 9 + 63) >> 6) << 6);
  setBytes(padded, bytes);
  padded[bytes.length] = 0x80;
  const end = padded.length;
  // Lengths up to 2^53 bits: the high word is bitLength / 2^32.
  const high = floor(bitLength / 0x100000000);
  padded[end - 8] = high >>> 24;
  padded[end - 7] = high >>> 16;
  padded[end - 6] = high >>> 8;
  padded[end - 5] = high;
  padded[end - 4] = bitLength >>> 24;
  padded[end - 3] = bitLength >>> 16;
  padded[end - 2] = bitLength >>> 8;
  padded[end - 1] = bitLength;
  const h = new U32([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new U32(64);
  for (let off = 0; off < end; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15],
        b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0],
      b = h[1],
      c = h[2],
      d = h[3],
      e = h[4],
      f = h[5],
      g = h[6],
      k = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
  }
  const out = new U8(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = h[i] >>> 24;
    out[i * 4 + 1] = h[i] >>> 16;
    out[i * 4 + 2] = h[i] >>> 8;
    out[i * 4 + 3] = h[i];
  }
  return out;
}

/** HMAC-SHA256 of `message` under `key`, as lowercase hex. */
export function hmacSha256Hex(key: string, message: string): string {
  let k = utf8(key);
  if (k.length > 64) k = sha256(k);
  const inner = new U8(64);
  const outer = new U8(64);
  setBytes(inner, k);
  setBytes(outer, k);
  for (let i = 0; i < 64; i++) {
    inner[i] ^= 0x36;
    outer[i] ^= 0x5c;
  }
  const msg = utf8(message);
  const first = new U8(64 + msg.length);
  setBytes(first, inner);
  setBytes(first, msg, 64);
  const second = new U8(96);
  setBytes(second, outer);
  setBytes(second, sha256(first), 64);
  return hex(sha256(second));
}

function hex(bytes: Uint8Array): string {
  const digits = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < bytes.length; i++)
    s += fromCharCode(charCode(digits, bytes[i] >> 4), charCode(digits, bytes[i] & 15));
  return s;
}
