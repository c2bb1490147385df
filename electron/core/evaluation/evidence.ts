/** Evidence must belong to the dossier it supports: a piece of it (on a page it has) or one of its annotations. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Evidence } from '../../../shared/domain/evaluation';
import { RelaisError } from '../../../shared/errors';
import { annotationById } from '../annotations/read';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  piece: db.prepare<[string], { dossierSeq: number; name: string; pageCount: number | null }>(
    `SELECT p.dossier_seq AS dossierSeq, p.name, b.page_count AS pageCount FROM piece p JOIN blob b ON b.sha256 = p.sha256 WHERE p.id = ?`,
  ),
}));

function checkOne(db: Database, dossierSeq: number, dossierId: string, evidence: Evidence): void {
  if (evidence.kind === 'piece') {
    const piece = statements(db).piece.get(evidence.pieceId);
    if (!piece || piece.dossierSeq !== dossierSeq) throw new RelaisError('evidence_not_in_dossier', { id: evidence.pieceId });
    // An unreadable piece has no pages to point at.
    const pageCount = piece.pageCount ?? 0;
    if (evidence.page !== null && evidence.page > pageCount) {
      throw new RelaisError('evidence_page_missing', { page: evidence.page, pageCount, piece: piece.name });
    }
    return;
  }
  let annotation;
  try {
    annotation = annotationById(db, evidence.annotationId).annotation;
  } catch (error) {
    if (error instanceof RelaisError && error.code === 'not_found') {
      throw new RelaisError('evidence_not_in_dossier', { id: evidence.annotationId });
    }
    throw error;
  }
  if (annotation.dossierId !== dossierId) throw new RelaisError('evidence_not_in_dossier', { id: evidence.annotationId });
  if (annotation.removed) throw new RelaisError('evidence_removed', { version: annotation.version });
}

/** Throws on the first evidence that is not the dossier's. */
export function checkEvidence(db: Database, dossierSeq: number, dossierId: string, evidence: readonly Evidence[]): void {
  for (const item of evidence) checkOne(db, dossierSeq, dossierId, item);
}
