/**
 * The writes of site visits, each a journaled mutation sent to the hub: a new report, a save of
 * the fields that changed, a photo added (its cleaned bytes already stored as blobs) or removed.
 */
import type { VisitChanges, VisitField, VisitFields } from '../../../shared/domain/visit';
import { RelaisError } from '../../../shared/errors';
import { visits } from '../../../shared/sync/mutations';
import { statementsFor } from '../db/statements';
import { defineSyncedMutation } from '../mutations';
import { visitChecklist } from '../reference/programme';
import { canonicalJson } from '../mutations/canonical-json';
import { dossierSeqOf } from '../dossiers/seq';
import { fieldsOf, photoById, visitRow } from './store';

const statements = statementsFor((db) => ({
  insertVisit: db.prepare<[string, number, string, string, string]>(
    'INSERT INTO visit (id, dossier_seq, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?)',
  ),
  saveFields: db.prepare<{
    id: string;
    date: string | null;
    place: string;
    participants: string;
    checklist: string;
    observations: string;
    conclusion: string;
    updatedAt: string;
  }>(
    `UPDATE visit SET visit_date = @date, place = @place, participants = @participants, checklist = @checklist,
       observations = @observations, conclusion = @conclusion, version = version + 1, updated_at = @updatedAt
     WHERE id = @id`,
  ),
  nextPosition: db.prepare<[string], number>('SELECT coalesce(max(position), 0) + 1 FROM visit_photo WHERE visit_id = ?').pluck(),
  insertPhoto: db.prepare(
    `INSERT INTO visit_photo (id, visit_id, position, name, mime_type, size_bytes, width, height, sha256, thumbnail_sha256,
       taken_at, gps_latitude, gps_longitude, gps_altitude, imported_at)
     VALUES (@id, @visitId, @position, @name, @mimeType, @sizeBytes, @width, @height, @sha256, @thumbnailSha256,
       @takenAt, @latitude, @longitude, @altitude, @importedAt)`,
  ),
  removePhoto: db.prepare<[string, string]>('UPDATE visit_photo SET removed_at = ? WHERE id = ?'),
}));

export const createVisit = defineSyncedMutation(visits.createVisit, {
  apply(ctx, { visitId, dossierId, at }) {
    statements(ctx.db).insertVisit.run(visitId, dossierSeqOf(ctx.db, dossierId), at, ctx.actor.name, at);
    return { dossierId, before: null, after: { visitId }, result: undefined };
  },
});

/** The fields of `changes` whose value differs from the saved one. */
export function changedFields(saved: VisitFields, changes: VisitChanges): VisitField[] {
  return (Object.keys(changes) as VisitField[]).filter((field) => canonicalJson(changes[field]) !== canonicalJson(saved[field]));
}

/** Answers may only name items of the programme's checklist (the report prints those). */
function checkChecklistItems(changes: VisitChanges): void {
  if (!changes.checklist) return;
  const known = new Set(visitChecklist().map((item) => item.id));
  const unknown = Object.keys(changes.checklist).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const issues = unknown.map((id) => ({ path: `changes.checklist.${id}`, message: 'not an item of the programme’s checklist' }));
    throw new RelaisError('invalid_arguments', { details: `checklist: ${unknown.join(', ')}` }, issues);
  }
}

export const updateVisit = defineSyncedMutation(visits.updateVisit, {
  apply(ctx, { visitId, expectedVersion, changes, at }) {
    const row = visitRow(ctx.db, visitId);
    // Replayed, the fields another desk saved are taken over this desk's (the hub judged the versions).
    if (row.version !== expectedVersion && ctx.origin !== 'hub') throw new RelaisError('visit_conflict', { version: row.version, expected: expectedVersion });
    checkChecklistItems(changes);
    const saved = fieldsOf(row);
    const fields = changedFields(saved, changes);
    const next: VisitFields = { ...saved, ...changes };
    statements(ctx.db).saveFields.run({
      id: visitId,
      date: next.date,
      place: next.place,
      participants: JSON.stringify(next.participants),
      checklist: JSON.stringify(next.checklist),
      observations: next.observations,
      conclusion: next.conclusion,
      updatedAt: at,
    });
    const pick = (from: VisitFields) => Object.fromEntries(fields.map((field) => [field, from[field]]));
    return { dossierId: row.dossier_id, before: pick(saved), after: pick(next), result: undefined };
  },
});

// The bytes travel by their hashes (blobs); the photo's row is all the hub needs to replay.
export const addPhoto = defineSyncedMutation(visits.addPhoto, {
  apply(ctx, photo) {
    const row = visitRow(ctx.db, photo.visitId);
    const s = statements(ctx.db);
    s.insertPhoto.run({
      id: photo.id,
      visitId: photo.visitId,
      position: s.nextPosition.get(photo.visitId),
      name: photo.name,
      mimeType: photo.mimeType,
      sizeBytes: photo.sizeBytes,
      width: photo.width,
      height: photo.height,
      sha256: photo.sha256,
      thumbnailSha256: photo.thumbnailSha256,
      takenAt: photo.takenAt,
      importedAt: photo.importedAt,
      latitude: photo.gps?.latitude ?? null,
      longitude: photo.gps?.longitude ?? null,
      altitude: photo.gps?.altitude ?? null,
    });
    return { dossierId: row.dossier_id, before: null, after: { photo: photo.name }, result: undefined };
  },
});

export const removePhoto = defineSyncedMutation(visits.removePhoto, {
  apply(ctx, { photoId, at }) {
    const photo = photoById(ctx.db, photoId);
    statements(ctx.db).removePhoto.run(at, photoId);
    return { dossierId: visitRow(ctx.db, photo.visitId).dossier_id, before: { photo: photo.name }, after: null, result: undefined };
  },
});
