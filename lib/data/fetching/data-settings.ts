// The environment settings that decide where data may come from. Read on every call, so tests and lessons can
// change them at run time.

/** False when REPLEARN_FETCH=0: loaders and `npm install` never download, a missing dataset stays missing. */
export function fetchEnabled(): boolean {
  return process.env.REPLEARN_FETCH !== '0';
}

/** False when REPLEARN_SYSTEM_DATA=0: system folders such as /usr/share/datasets (Debian's packages) are not searched. */
export function systemDataEnabled(): boolean {
  return process.env.REPLEARN_SYSTEM_DATA !== '0';
}

/**
 * REPLEARN_DATA_MIRROR (a base URL, no trailing slash needed), or null: when set, every download comes from it
 * instead of the registry's URLs: <mirror>/<dataset dir>/<file path> for files, <mirror>/<dataset dir>/<archive
 * file name> for archives. The registry's checksums still apply.
 */
export function dataMirror(): string | null {
  const mirror = (process.env.REPLEARN_DATA_MIRROR ?? '').trim().replace(/\/+$/, '');
  return mirror === '' ? null : mirror;
}

/** How long a download waits for the server to accept the connection (REPLEARN_FETCH_CONNECT_S, default 5 s). */
export function connectTimeoutMs(): number {
  const seconds = Number(process.env.REPLEARN_FETCH_CONNECT_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5000;
}
