/**
 * Full-text search over dossiers, the text of their pieces and their annotations. The set of matching dossiers is
 * computed once per list call into a temporary table, so the count and the page query only
 * probe an integer key instead of each re-running the full-text match.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { MATCH_END, MATCH_START } from '../../../shared/contract';
import { statementsFor } from '../db/statements';
import { toFtsQuery } from './fts-query';
import { findMatches, phrasesOf, renderSnippet, snippetOf, SNIPPET_TOKENS, type Phrase } from './snippet';

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
    // Pieces from DS and pieces attached from outside alike.
    piecesOfBlobs: db.prepare<[string]>(
      `WITH wanted AS (SELECT value FROM json_each(?))
       INSERT OR IGNORE INTO temp.search_hit (seq)
       SELECT dossier_seq FROM piece WHERE sha256 IN wanted UNION SELECT dossier_seq FROM attached_piece WHERE sha256 IN wanted`,
    ),
    annotationHits: db.prepare<[string]>(
      `INSERT OR IGNORE INTO temp.search_hit (seq)
       SELECT a.dossier_seq FROM annotation_fts f JOIN annotation a ON a.seq = f.rowid WHERE annotation_fts MATCH ?`,
    ),
    annotationTexts: db.prepare<[string, string], { seq: number; text: string }>(
      `SELECT a.dossier_seq AS seq, f.text FROM annotation_fts f JOIN annotation a ON a.seq = f.rowid
       WHERE annotation_fts MATCH ? AND a.dossier_seq IN (SELECT value FROM json_each(?)) ORDER BY a.seq`,
    ),
    hitCount: db.prepare<[], number>('SELECT count(*) FROM temp.search_hit').pluck(),
    dossierCount: db.prepare<[], number>('SELECT count(*) FROM dossier').pluck(),
    dossierText: db.prepare<[number], string[]>('SELECT number, demandeur, projet, territory, champs FROM dossier_fts WHERE rowid = ?').raw(),
    pageText: db.prepare<[number], string>('SELECT text FROM blob_text_fts WHERE rowid = ?').pluck(),
    dossierSnippet: db
      .prepare<[string, string, string, number], string>(
        `SELECT snippet(dossier_fts, -1, ?, ?, '…', ${SNIPPET_TOKENS}) FROM dossier_fts WHERE dossier_fts MATCH ? AND rowid = ?`,
      )
      .pluck(),
    piecesOf: db.prepare<[string], { seq: number; name: string; sha256: string }>(
      `SELECT seq, name, sha256 FROM (
         SELECT dossier_seq AS seq, name, sha256, 0 AS attached, position AS rank FROM piece
         UNION ALL SELECT dossier_seq, name, sha256, 1, attached_at FROM attached_piece)
       WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq, attached, rank`,
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
  phrases: Phrase[];
  /** For each matching blob, the rowid of its first matching page. */
  blobPages: Map<string, number>;
  /**
   * Whether a large share of the dossiers matched: then scanning in sort order and probing the
   * hits is cheaper than fetching every hit and sorting them.
   */
  dense: boolean;
}

/**
 * Fills temp.search_hit with the dossiers matching the user's text, in their own text or their
 * pieces' text; null when the text holds nothing searchable.
 */
export function collectMatches(db: Database, text: string): SearchMatches | null {
  const ftsQuery = toFtsQuery(text);
  if (!ftsQuery) return null;
  const s = statements(db);
  s.clear.run();
  s.dossierHits.run(ftsQuery);
  const blobPages = new Map(s.blobHits.all(ftsQuery).map((hit) => [hit.sha256, hit.pageRowid]));
  if (blobPages.size > 0) s.piecesOfBlobs.run(JSON.stringify([...blobPages.keys()]));
  s.annotationHits.run(ftsQuery);
  const dense = s.hitCount.get()! * 4 > s.dossierCount.get()!;
  return { ftsQuery, phrases: phrasesOf(text), blobPages, dense };
}

/** From the dossier's own text when all the words occur in it (that is how it matched). */
function dossierSnippet(db: Database, matches: SearchMatches, seq: number): string | null {
  const columns = statements(db).dossierText.get(seq);
  if (!columns) return null;
  const perColumn = columns.map((column) => findMatches(column, matches.phrases));
  const found = new Set(perColumn.flatMap((column) => column.occurrences.map((o) => o.phrase)));
  if (found.size < matches.phrases.length) return null;
  // The column holding the most different words, the first one on a tie.
  const best = perColumn.reduce((a, b) => (b.distinct > a.distinct ? b : a));
  return renderSnippet(best);
}

/** Marks a snippet taken from an annotation, whatever the interface language. */
const ANNOTATION_SNIPPET_MARK = '✎ ';

/** From the dossier's first annotation whose current text matched. */
function annotationSnippets(db: Database, matches: SearchMatches, seqs: readonly number[], into: Map<number, string>): void {
  if (seqs.length === 0) return;
  for (const { seq, text } of statements(db).annotationTexts.all(matches.ftsQuery, JSON.stringify(seqs))) {
    if (into.has(seq)) continue;
    const snippet = snippetOf(text, matches.phrases);
    if (snippet !== null) into.set(seq, ANNOTATION_SNIPPET_MARK + snippet);
  }
}

/**
 * The snippet of each listed dossier: from its own text when that matched, otherwise from its
 * annotations, otherwise from the first of its pieces whose text matched, after the piece's
 * name. FTS5's snippet() remains the fallback should the two tokenisations ever disagree.
 */
export function snippetsOf(db: Database, matches: SearchMatches, seqs: readonly number[]): Map<number, string> {
  const s = statements(db);
  const snippets = new Map<number, string>();
  for (const seq of seqs) {
    const snippet = dossierSnippet(db, matches, seq);
    if (snippet !== null) snippets.set(seq, snippet);
  }
  annotationSnippets(db, matches, seqs.filter((seq) => !snippets.has(seq)), snippets);
  const missing = seqs.filter((seq) => !snippets.has(seq));
  // Pieces are shared between dossiers: each matching page is summarised once.
  const pageSnippets = new Map<number, string | undefined>();
  const pageSnippet = (pageRowid: number) => {
    if (!pageSnippets.has(pageRowid)) {
      const text = s.pageText.get(pageRowid) ?? '';
      pageSnippets.set(
        pageRowid,
        snippetOf(text, matches.phrases) ?? s.pageSnippet.get(MATCH_START, MATCH_END, matches.ftsQuery, pageRowid),
      );
    }
    return pageSnippets.get(pageRowid);
  };
  if (missing.length > 0 && matches.blobPages.size > 0) {
    for (const piece of s.piecesOf.all(JSON.stringify(missing))) {
      const pageRowid = matches.blobPages.get(piece.sha256);
      if (snippets.has(piece.seq) || pageRowid === undefined) continue;
      const text = pageSnippet(pageRowid);
      if (text !== undefined) snippets.set(piece.seq, `${piece.name} — ${text}`);
    }
  }
  for (const seq of missing) {
    if (snippets.has(seq)) continue;
    const text = s.dossierSnippet.get(MATCH_START, MATCH_END, matches.ftsQuery, seq);
    if (text !== undefined) snippets.set(seq, text);
  }
  return snippets;
}
