/**
 * User text never reaches FTS5 as syntax: each word becomes a quoted prefix token, `"word"*`,
 * and the tokens are ANDed. Quotes inside a word are doubled, as FTS5 strings require.
 * A single character is matched as a whole word: as a prefix it would match most of the index.
 */
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The FTS5 query for the user's text, or null when it holds nothing searchable. */
export function toFtsQuery(text: string): string | null {
  const tokens = text
    .split(/\s+/u)
    .filter((word) => HAS_WORD_CHARACTER.test(word))
    .map((word) => `"${word.replaceAll('"', '""')}"${[...word].length > 1 ? '*' : ''}`);
  return tokens.length > 0 ? tokens.join(' ') : null;
}
