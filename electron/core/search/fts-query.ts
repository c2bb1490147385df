/**
 * User text never reaches FTS5 as syntax: each word becomes a quoted prefix token, `"word"*`,
 * and the tokens are ANDed. Quotes inside a word are doubled, as FTS5 strings require.
 * A single character is matched as a whole word, and only when the text has no longer word:
 * « pompe à chaleur » needs « à » no more than the index does, and as a prefix it would match
 * most of the index.
 */
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The words of the user's text that can match anything. */
export function searchWords(text: string): string[] {
  const words = text.split(/\s+/u).filter((word) => HAS_WORD_CHARACTER.test(word));
  const longer = words.filter(isPrefixWord);
  return longer.length > 0 ? longer : words;
}

/** Whether the word is matched as a prefix (a single character is matched whole). */
export function isPrefixWord(word: string): boolean {
  return [...word].length > 1;
}

/** The FTS5 query for the user's text, or null when it holds nothing searchable. */
export function toFtsQuery(text: string): string | null {
  const tokens = searchWords(text).map((word) => `"${word.replaceAll('"', '""')}"${isPrefixWord(word) ? '*' : ''}`);
  return tokens.length > 0 ? tokens.join(' ') : null;
}
