/**
 * The annotation mutations. Annotations are insert-only: add writes version 1, an edit or a
 * removal writes the next version, and only over the version the editor started from, so two
 * windows saving the same note cannot silently overwrite each other.
 */
import type { Database } from 'better-sqlite3';
import { annotationChannels } from '../../../shared/channels/annotations';
import type { Annotation, AnnotationTarget, PageRect } from '../../../shared/domain/annotation';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { clearDraft } from '../drafts/store';
import { defineMutation } from '../mutations';
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
  version: { version: number; text: string; rect: PageRect | null; removed: boolean },
): void {
  statements(ctx.db).insertVersion.run(
    seq,
    version.version,
    version.text,
    version.rect === null ? null : JSON.stringify(version.rect),
    version.removed ? 1 : 0,
    ctx.clock().toISOString(),
    ctx.actor.id,
    ctx.actor.name,
  );
}

/** The annotation to write a new version of, if the editor's version is still the current one. */
function currentFor(db: Database, annotationId: string, expectedVersion: number): { seq: number; annotation: Annotation } {
  const found = annotationById(db, annotationId);
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

export const addAnnotation = defineMutation({
  name: 'annotation.add',
  args: annotationChannels['annotations.add'].args,
  outbox: true,
  apply(ctx, { dossierId, target, text, draftKey }) {
    const s = statements(ctx.db);
    const dossierSeq = dossierSeqOf(ctx.db, dossierId);
    checkTarget(ctx.db, dossierSeq, target);
    const id = ctx.newId();
    const { lastInsertRowid } = s.insertAnnotation.run(
      id,
      dossierSeq,
      target.kind,
      target.kind === 'field' ? target.position : null,
      target.kind === 'region' ? target.pieceId : null,
      target.kind === 'region' ? target.page : null,
    );
    const seq = Number(lastInsertRowid);
    writeVersion(ctx, seq, { version: 1, text, rect: target.kind === 'region' ? target.rect : null, removed: false });
    indexAnnotationText(ctx.db, seq, text);
    if (draftKey) clearDraft(ctx.db, dossierSeq, draftKey);
    const { annotation } = annotationById(ctx.db, id);
    return { dossierId, before: null, after: journalView(annotation), result: annotation };
  },
});

export const editAnnotation = defineMutation({
  name: 'annotation.edit',
  args: annotationChannels['annotations.edit'].args,
  outbox: true,
  apply(ctx, { annotationId, expectedVersion, text, rect, draftKey }) {
    const { seq, annotation: before } = currentFor(ctx.db, annotationId, expectedVersion);
    const currentRect = before.target.kind === 'region' ? before.target.rect : null;
    if (rect && before.target.kind !== 'region') {
      throw new RelaisError('invalid_arguments', { details: 'rect: only a region has one' }, [{ path: 'rect', message: 'only a region has one' }]);
    }
    writeVersion(ctx, seq, { version: before.version + 1, text, rect: rect ?? currentRect, removed: false });
    indexAnnotationText(ctx.db, seq, text);
    if (draftKey) clearDraft(ctx.db, dossierSeqOf(ctx.db, before.dossierId), draftKey);
    const { annotation: after } = annotationById(ctx.db, annotationId);
    return { dossierId: before.dossierId, before: journalView(before), after: journalView(after), result: after };
  },
});

export const removeAnnotation = defineMutation({
  name: 'annotation.remove',
  args: annotationChannels['annotations.remove'].args,
  outbox: true,
  apply(ctx, { annotationId, expectedVersion }) {
    const { seq, annotation: before } = currentFor(ctx.db, annotationId, expectedVersion);
    const rect = before.target.kind === 'region' ? before.target.rect : null;
    writeVersion(ctx, seq, { version: before.version + 1, text: before.text, rect, removed: true });
    unindexAnnotation(ctx.db, seq);
    const { annotation: after } = annotationById(ctx.db, annotationId);
    return { dossierId: before.dossierId, before: journalView(before), after: journalView(after), result: after };
  },
});

