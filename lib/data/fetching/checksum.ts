import * as crypto from 'crypto';
import { CorruptDataError } from '../data-errors';
import type { RegistryFile } from '../registry';

/** Hex sha256 of a buffer. */
export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** The checksums a file is held to; either one matching is enough. */
export type ExpectedChecksums = Pick<RegistryFile, 'sha256' | 'contentSha256'>;

/** Which checksum a file matched: its published bytes, its uncompressed content, or none was known. */
export type ChecksumMatch = 'file' | 'content' | 'unknown';

/**
 * Throw a CorruptDataError naming `file` unless the stored bytes (`raw`) or the uncompressed payload
 * (`content`) match a known checksum. Files with no known checksum pass as 'unknown'.
 */
export function verifyChecksums(
  file: string,
  raw: Uint8Array,
  content: Uint8Array,
  expected: ExpectedChecksums,
): ChecksumMatch {
  if (!expected.sha256 && !expected.contentSha256) return 'unknown';
  const rawSha = expected.sha256 ? sha256Hex(raw) : null;
  if (rawSha && rawSha === expected.sha256) return 'file';
  const contentSha = expected.contentSha256 ? (content === raw && rawSha ? rawSha : sha256Hex(content)) : null;
  if (contentSha && contentSha === expected.contentSha256) return 'content';
  const wanted = [
    expected.sha256 && `file ${expected.sha256}`,
    expected.contentSha256 && `content ${expected.contentSha256}`,
  ]
    .filter(Boolean)
    .join(' or ');
  throw new CorruptDataError(
    file,
    `wrong checksum: sha256 ${contentSha ?? rawSha}, expected ${wanted} (datasets/registry.json); delete the file and fetch it again`,
  );
}
