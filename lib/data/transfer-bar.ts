import type { DownloadProgress } from './fetching/download';

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1);
}

/** One line for a download in progress: bar, percent, bytes and rate (percent and bar need a known length). */
export function formatTransfer(p: DownloadProgress, width = 24): string {
  const rate = p.elapsedMs > 0 ? `${megabytes((p.received * 1000) / p.elapsedMs)} MB/s` : '';
  const name = p.url.split('/').pop() ?? p.url;
  if (p.total === null) return `${megabytes(p.received)} MB  ${rate}  ${name}`;
  const fraction = Math.min(1, p.received / p.total);
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  return `${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${megabytes(p.received)}/${megabytes(p.total)} MB  ${rate}  ${name}`;
}

/** A progress printer: rewrites one line on a terminal (≤ 10 times a second), else prints a line per 10%. */
export function transferPrinter(stream: NodeJS.WriteStream = process.stderr): (p: DownloadProgress) => void {
  let lastDraw = 0;
  let lastDecile = -1;
  return (p) => {
    const done = p.total !== null && p.received >= p.total;
    if (stream.isTTY) {
      const now = Date.now();
      if (!done && now - lastDraw < 100) return;
      lastDraw = now;
      stream.write(`\r${formatTransfer(p)}\x1b[K${done ? '\n' : ''}`);
      return;
    }
    const decile = p.total ? Math.floor((10 * p.received) / p.total) : Math.floor(p.received / 1e7);
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(`${formatTransfer(p)}\n`);
    }
  };
}
