/**
 * The key a text column sorts on: lower case, accents removed, so that under SQLite's BINARY
 * collation « Écoles » sorts with « ecoles » and not after « zinc ».
 */
export function sortKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
