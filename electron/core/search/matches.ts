/**
 * Full-text search over dossiers and the text of their pieces. The set of matching dossiers is
 * computed once per list call into a temporary table, so the count and the page query only
 * probe an integer key instead of each re-running the full-text match.
 */
import type { Database } from 'better-sqlite3';
import { MATCH_END, MATCH_START } from '../../../shared/contract';
import { statementsFor } from '../db/statements';

/** Words of context around the matches in a snippet. */
const SNIPPET_TOKENS = 12;

export const SEARCH_HITS_TABLE = 'temp.search_hit';

const statements = statementsFor((db: Database) => {
  // Created before the statements that read it are prepared, once per connection.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS search_hit (seq INTEGER PRIMARY KEY)');
  return {
    clear: db.prepare('DELETE FROM temp.search_hit'),
    dossierHits: db.prepare<[string]>('INSERT INTO temp.search_hit (seq) SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ?'),
    /** The first matching page of each blob: where its snippet comes from. */
    blobHits: db.prepare<[string], { sha256: string; pageRowid: number }>(
      'SELECT sha256, min(rowid) AS pageRowid FROM blob_text_fts WHERE blob_text_fts MATCH ? GROUP BY sha256',
    ),
    piecesOfBlobs: db.prepare<[string]>(
      'INSERT OR IGNORE INTO temp.search_hit (seq) SELECT dossier_seq FROM piece WHERE sha256 IN (SELECT value FROM json_each(?))',
    ),
    hitCount: db.prepare<[], number>('SELECT count(*) FROM temp.search_hit').pluck(),
    dossierCount: db.prepare<[], number>('SELECT count(*) FROM dossier').pluck(),
    dossierSnippet: db
      .prepare<[string, string, string, number], string>(
        `SELECT snippet(dossier_fts, -1, ?, ?, '…', ${SNIPPET_TOKENS}) FROM dossier_fts WHERE dossier_fts MATCH ? AND rowid = ?`,
      )
      .pluck(),
    piecesOf: db.prepare<[string], { seq: number; name: string; sha256: string }>(
      `SELECT dossier_seq AS seq, name, sha256 FROM piece
       WHERE dossier_seq IN (SELECT value FROM json_each(?)) ORDER BY dossier_seq, position`,
    ),
    pageSnippet: db
      .prepare<[string, string, string, number], string>(
        `SELECT snippet(blob_text_fts, 2, ?, ?, '…', ${SNIPPET_TOKENS}) FROM blob_text_fts WHERE blob_text_fts MATCH ? AND rowid = ?`,
      )
      .pluck(),
  };
});

export interface SearchMatches {
  ftsQuery: string;
  /** For each matching blob, the rowid of its first matching page. */
  blobPages: Map<string, number>;
  /**
   * Whether a large share of the dossiers matched: then scanning in sort order and probing the
   * hits is cheaper than fetching every hit and sorting them.
   */
  dense: boolean;
}

/** Fills temp.search_hit with the dossiers matching the query, in their text or their pieces' text. */
export function collectMatches(db: Database, ftsQuery: string): SearchMatches {
  const s = statements(db);
  s.clear.run();
  s.dossierHits.run(ftsQuery);
  const blobPages = new Map(s.blobHits.all(ftsQuery).map((hit) => [hit.sha256, hit.pageRowid]));
  if (blobPages.size > 0) s.piecesOfBlobs.run(JSON.stringify([...blobPages.keys()]));
  const dense = s.hitCount.get()! * 4 > s.dossierCount.get()!;
  return { ftsQuery, blobPages, dense };
}

/**
 * The snippet of each listed dossier: from its own text when that matched, otherwise from the
 * first of its pieces whose text matched, after the piece's name.
 */
export function snippetsOf(db: Database, matches: SearchMatches, seqs: readonly number[]): Map<number, string> {
  const s = statements(db);
  const snippets = new Map<number, string>();
  for (const seq of seqs) {
    const snippet = s.dossierSnippet.get(MATCH_START, MATCH_END, matches.ftsQuery, seq);
    if (snippet !== undefined) snippets.set(seq, snippet);
  }
  const missing = seqs.filter((seq) => !snippets.has(seq));
  if (missing.length === 0 || matches.blobPages.size === 0) return snippets;
  // Pieces are shared between dossiers: each matching page is summarised once.
  const pageSnippets = new Map<number, string | undefined>();
  for (const piece of s.piecesOf.all(JSON.stringify(missing))) {
    const pageRowid = matches.blobPages.get(piece.sha256);
    if (snippets.has(piece.seq) || pageRowid === undefined) continue;
    if (!pageSnippets.has(pageRowid)) pageSnippets.set(pageRowid, s.pageSnippet.get(MATCH_START, MATCH_END, matches.ftsQuery, pageRowid));
    const text = pageSnippets.get(pageRowid);
    if (text !== undefined) snippets.set(piece.seq, `${piece.name} — ${text}`);
  }
  return snippets;
}
