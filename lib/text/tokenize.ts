/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Shortest token kept (default 2: single letters are mostly initials and list markers). */
  minLength?: number;
}

// A token starts with a letter and goes on with letters or digits ("x11r5", "win32"). Bare numbers, prices and dates
// are dropped: they say little about a message's subject. \p{L} covers the Latin-1 letters (é, ß, ø …).
const TOKEN = /\p{L}[\p{L}\p{N}]*/gu;

/** Split a text into lower-case word tokens, in order (duplicates kept: the counts are the point). */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const minLength = options.minLength ?? 2;
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(TOKEN)) {
    if (match[0].length >= minLength) tokens.push(match[0]);
  }
  return tokens;
}
