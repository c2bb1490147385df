/**
 * Text folded as the full-text index sees it (tokenizer unicode61, remove_diacritics 2):
 * lower case, accents removed. Also the sort key of text columns, so that under SQLite's BINARY
 * collation « Écoles » sorts with « ecoles » and not after « zinc ».
 */
export function foldText(text: string): string {
  // The combining diacritical marks block: the accents of Latin scripts (ten times faster than \p{M}).
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Runs of letters and digits, as unicode61 cuts tokens (marks stay with their letter). */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

export interface Token {
  /** Offsets in the text the token was read from. */
  start: number;
  end: number;
  text: string;
}

export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return tokens;
}
