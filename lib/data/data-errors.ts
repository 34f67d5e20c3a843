/** A dataset (or one of its files) is in no data directory: the message is one line with where it looked and the fix. */
export class DatasetMissingError extends Error {
  constructor(
    readonly dataset: string,
    readonly relPath: string,
    readonly searched: string[],
    /** Why it could not be downloaded just now, when a download was tried. */
    readonly fetchFailure: string | null = null,
  ) {
    super(
      `dataset "${dataset}" not found: no ${relPath || 'folder'} under ${searched.join(', ') || '(no data directory)'}` +
        ` (REPLEARN_DATA=${process.env.REPLEARN_DATA ?? '<unset>'})` +
        (fetchFailure ? `; the download failed: ${fetchFailure}` : '') +
        `; run \`npx replearn data fetch ${dataset}\``,
    );
    this.name = 'DatasetMissingError';
  }
}

/** A data file exists but cannot be trusted (wrong magic number, truncated, wrong checksum): names the file. */
export class CorruptDataError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CorruptDataError';
  }
}
