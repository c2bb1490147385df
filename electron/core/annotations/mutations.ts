/**
 * The annotation mutations. Annotations are insert-only: add writes version 1, an edit or a
 * removal writes the next version, and only over the version the editor started from, so two
 * windows saving the same note cannot silently overwrite each other. Replayed from the hub, an
 * edit or removal made elsewhere is written as the next version whatever this desk's latest is.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Annotation, AnnotationTarget, PageRect } from '../../../shared/domain/annotation';
import { RelaisError } from '../../../shared/errors';
import { annotations } from '../../../shared/sync/mutations';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { clearDraft } from '../drafts/store';
import { defineSyncedMutation } from '../mutations';
import { indexAnnotationText, unindexAnnotation } from '../search/annotation-index';
import { dossierSeqOf } from '../dossiers/seq';
import { annotationById } from './read';

const statements = statementsFor((db) => ({
  champExists: db.prepare<[number, number], number>('SELECT 1 FROM champ WHERE dossier_seq = ? AND position = ?').pluck(),
  pieceOf: db.prepare<[string, number], { name: string; pageCount: number | null }>(
    `SELECT p.name, b.page_count AS pageCount FROM piece p JOIN blob b ON b.sha256 = p.sha256 WHERE p.id = ? AND p.dossier_seq = ?`,
  ),
  insertAnnotation: db.prepare<[string, number, string, number | null, string | null, number | null]>(
    'INSERT INTO annotation (id, dossier_seq, kind, field_position, piece_id, page) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  insertVersion: db.prepare<[number, number, string, string | null, number, string, string, string]>(
    `INSERT INTO annotation_version (annotation_seq, version, text, rect, removed, at, actor_id, actor_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

/** Refuses a field or a page the dossier does not have. */
function checkTarget(db: Database, dossierSeq: number, target: AnnotationTarget): void {
  const s = statements(db);
  if (target.kind === 'field' && s.champExists.get(dossierSeq, target.position) === undefined) {
    throw new RelaisError('annotation_field_missing', { position: target.position });
  }
  if (target.kind === 'region') {
    const piece = s.pieceOf.get(target.pieceId, dossierSeq);
    if (!piece) throw new RelaisError('annotation_piece_missing', { pieceId: target.pieceId });
    // An unreadable piece has no page count: no page of it can be shown, nor annotated.
    const pageCount = piece.pageCount ?? 0;
    if (target.page > pageCount) throw new RelaisError('annotation_page_missing', { page: target.page, pageCount, piece: piece.name });
  }
}

function writeVersion(
  ctx: CoreContext,
  seq: number,
  version: { version: number; text: string; rect: PageRect | null; removed: boolean; at: string },
): void {
  statements(ctx.db).insertVersion.run(
    seq,
    version.version,
    version.text,
    version.rect === null ? null : JSON.stringify(version.rect),
    version.removed ? 1 : 0,
    version.at,
    ctx.actor.id,
    ctx.actor.name,
  );
}

/** The annotation to write a new version of, if the editor's version is still the current one. */
function currentFor(ctx: CoreContext, annotationId: string, expectedVersion: number): { seq: number; annotation: Annotation } {
  const found = annotationById(ctx.db, annotationId);
  if (ctx.origin === 'hub') return found;
  const { annotation } = found;
  if (annotation.removed) throw new RelaisError('annotation_removed', { version: annotation.version });
  if (annotation.version !== expectedVersion) {
    throw new RelaisError('annotation_stale', { expected: expectedVersion, version: annotation.version, by: annotation.updatedBy });
  }
  return found;
}

/** What the journal keeps of an annotation (under one key, which the history shows as one phrase). */
function journalView({ id, text, target, version, removed }: Annotation) {
  return { annotation: { id, text, target, version, removed } };
}

/** A draft is the editor's on this desk: a change replayed from elsewhere leaves it. */
function clearOwnDraft(ctx: CoreContext, dossierId: string, draftKey: string | undefined): void {
  if (draftKey && ctx.origin !== 'hub') clearDraft(ctx.db, dossierSeqOf(ctx.db, dossierId), draftKey);
}

export const addAnnotation = defineSyncedMutation(annotations.addAnnotation, {
  apply(ctx, { annotationId: id, dossierId, target, text, draftKey, at }) {
    const s = statements(ctx.db);
    const dossierSeq = dossierSeqOf(ctx.db, dossierId);
    checkTarget(ctx.db, dossierSeq, target);
    const { lastInsertRowid } = s.insertAnnotation.run(
      id,
      dossierSeq,
      target.kind,
      target.kind === 'field' ? target.position : null,
      target.kind === 'region' ? target.pieceId : null,
      target.kind === 'region' ? target.page : null,
    );
    const seq = Number(lastInsertRowid);
    writeVersion(ctx, seq, { version: 1, text, rect: target.kind === 'region' ? target.rect : null, removed: false, at });
    indexAnnotationText(ctx.db, seq, text);
    clearOwnDraft(ctx, dossierId, draftKey);
    const { annotation } = annotationById(ctx.db, id);
    return { dossierId, before: null, after: journalView(annotation), result: annotation };
  },
});

export const editAnnotation = defineSyncedMutation(annotations.editAnnotation, {
  apply(ctx, { annotationId, expectedVersion, text, rect, draftKey, at }) {
    const { seq, annotation: before } = currentFor(ctx, annotationId, expectedVersion);
    const currentRect = before.target.kind === 'region' ? before.target.rect : null;
    if (rect && before.target.kind !== 'region') {
      throw new RelaisError('invalid_arguments', { details: 'rect: only a region has one' }, [{ path: 'rect', message: 'only a region has one' }]);
    }
    writeVersion(ctx, seq, { version: before.version + 1, text, rect: rect ?? currentRect, removed: false, at });
    indexAnnotationText(ctx.db, seq, text);
    clearOwnDraft(ctx, before.dossierId, draftKey);
    const { annotation: after } = annotationById(ctx.db, annotationId);
    return { dossierId: before.dossierId, before: journalView(before), after: journalView(after), result: after };
  },
});

export const removeAnnotation = defineSyncedMutation(annotations.removeAnnotation, {
  apply(ctx, { annotationId, expectedVersion, at }) {
    const { seq, annotation: before } = currentFor(ctx, annotationId, expectedVersion);
    const rect = before.target.kind === 'region' ? before.target.rect : null;
    writeVersion(ctx, seq, { version: before.version + 1, text: before.text, rect, removed: true, at });
    unindexAnnotation(ctx.db, seq);
    const { annotation: after } = annotationById(ctx.db, annotationId);
    return { dossierId: before.dossierId, before: journalView(before), after: journalView(after), result: after };
  },
});

