/** One regular file read from an archive. */
export interface ArchiveEntry {
  /** Path inside the archive, '/'-separated. */
  path: string;
  data: Buffer;
}
