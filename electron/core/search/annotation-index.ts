/**
 * The full-text index of annotations holds each annotation's current text, under the
 * annotation's integer key; a removed annotation leaves it, so search finds what is still said.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  remove: db.prepare<[number]>('DELETE FROM annotation_fts WHERE rowid = ?'),
  insert: db.prepare<[number, string]>('INSERT INTO annotation_fts (rowid, text) VALUES (?, ?)'),
}));

export function indexAnnotationText(db: Database, annotationSeq: number, text: string): void {
  const s = statements(db);
  s.remove.run(annotationSeq);
  s.insert.run(annotationSeq, text);
}

export function unindexAnnotation(db: Database, annotationSeq: number): void {
  statements(db).remove.run(annotationSeq);
}
