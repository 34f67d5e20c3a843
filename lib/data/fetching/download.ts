import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
import { once } from 'events';
import { connectTimeoutMs } from './data-settings';

/** Bytes received so far of one download; `total` is null when the server sends no length. */
export interface DownloadProgress {
  url: string;
  received: number;
  total: number | null;
  /** Milliseconds since the request started. */
  elapsedMs: number;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Expected sha256 of the bytes; a mismatch deletes them and throws. */
  sha256?: string | null;
  onProgress?: (progress: DownloadProgress) => void;
  /** Give up when the server is silent this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Give up when no connection is made within this long (default {@link connectTimeoutMs}: offline fails fast). */
  connectTimeoutMs?: number;
}

/** What arrived. */
export interface DownloadResult {
  file: string;
  bytes: number;
  sha256: string;
}

/** The downloaded bytes do not have the expected checksum; nothing was kept. */
export class ChecksumMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${url}: checksum mismatch: sha256 ${actual}, expected ${expected}; the download was deleted`);
    this.name = 'ChecksumMismatchError';
  }
}

/** GET `url`, following up to 5 redirects; resolves with a 200 response. Plain http(s): no transparent decompression. */
function get(url: string, timeouts: Timeouts, redirects = 5): Promise<http.IncomingMessage> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers: { 'user-agent': 'replearn-data-fetch' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects <= 0) reject(new Error(`${url}: too many redirects`));
        else resolve(get(new URL(res.headers.location, url).toString(), timeouts, redirects - 1));
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new Error(`${url}: HTTP ${status} ${res.statusMessage ?? ''}`.trim()));
        return;
      }
      resolve(res);
    });
    req.on('error', (err) => reject(new Error(`${url}: ${err.message}`)));
    req.setTimeout(timeouts.idleMs, () => req.destroy(new Error(`no data for ${timeouts.idleMs / 1000} s`)));
    // The idle timeout alone would let an unanswered connect (offline, firewalled) hang for its full length.
    const connectTimer = setTimeout(
      () => req.destroy(new Error(`no connection within ${timeouts.connectMs / 1000} s (offline?)`)),
      timeouts.connectMs,
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('close', () => clearTimeout(connectTimer));
  });
}

interface Timeouts {
  connectMs: number;
  idleMs: number;
}

/**
 * Download `url` to `dest` through `dest.partial`, hashing on the way; the file appears under its name only
 * when complete and (if `sha256` is given) verified. On any failure nothing is left behind.
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const partial = `${dest}.partial`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const started = Date.now();
  const res = await get(url, {
    connectMs: options.connectTimeoutMs ?? connectTimeoutMs(),
    idleMs: options.idleTimeoutMs ?? 30_000,
  });
  const total = Number(res.headers['content-length']) || null;
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(partial);
  let received = 0;
  try {
    for await (const chunk of res) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      received += bytes.length;
      if (!out.write(bytes)) await once(out, 'drain');
      options.onProgress?.({ url, received, total, elapsedMs: Date.now() - started });
    }
    out.end();
    await once(out, 'close');
    if (total !== null && received !== total)
      throw new Error(`${url}: connection closed after ${received} of ${total} bytes`);
    const sha256 = hash.digest('hex');
    if (options.sha256 && sha256 !== options.sha256) throw new ChecksumMismatchError(url, options.sha256, sha256);
    fs.renameSync(partial, dest);
    return { file: dest, bytes: received, sha256 };
  } catch (err) {
    out.destroy();
    res.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
