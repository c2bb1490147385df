/** Reading visit reports and their photos back from the case file. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Visit, VisitFields, VisitPhoto } from '../../../shared/domain/visit';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';
import { dossierSeqOf } from '../dossiers/seq';

export interface VisitRow {
  id: string;
  dossier_id: string;
  visit_date: string | null;
  place: string;
  participants: string;
  checklist: string;
  observations: string;
  conclusion: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

interface PhotoRow {
  id: string;
  visit_id: string;
  name: string;
  mime_type: VisitPhoto['mimeType'];
  size_bytes: number;
  width: number;
  height: number;
  sha256: string;
  thumbnail_sha256: string;
  taken_at: string | null;
  gps_latitude: number | null;
  gps_longitude: number | null;
  gps_altitude: number | null;
  imported_at: string;
}

const VISIT_COLUMNS = `v.id, d.id AS dossier_id, v.visit_date, v.place, v.participants, v.checklist, v.observations, v.conclusion,
  v.version, v.created_at, v.created_by, v.updated_at`;

const statements = statementsFor((db) => ({
  visit: db.prepare<[string], VisitRow>(`SELECT ${VISIT_COLUMNS} FROM visit v JOIN dossier d ON d.seq = v.dossier_seq WHERE v.id = ?`),
  visitsOf: db.prepare<[number], VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM visit v JOIN dossier d ON d.seq = v.dossier_seq WHERE v.dossier_seq = ? ORDER BY v.created_at, v.id`,
  ),
  photosOf: db.prepare<[string], PhotoRow>('SELECT * FROM visit_photo WHERE visit_id = ? AND removed_at IS NULL ORDER BY position'),
  photo: db.prepare<[string], PhotoRow & { removed_at: string | null }>('SELECT * FROM visit_photo WHERE id = ?'),
}));

export function visitRow(db: Database, visitId: string): VisitRow {
  const row = statements(db).visit.get(visitId);
  if (!row) throw new RelaisError('not_found', { what: `visit ${visitId}` });
  return row;
}

/** The fields a person typed, as the row holds them. */
export function fieldsOf(row: VisitRow): VisitFields {
  return {
    date: row.visit_date,
    place: row.place,
    participants: JSON.parse(row.participants) as VisitFields['participants'],
    checklist: JSON.parse(row.checklist) as VisitFields['checklist'],
    observations: row.observations,
    conclusion: row.conclusion,
  };
}

function photoOf(row: PhotoRow): VisitPhoto {
  return {
    id: row.id,
    visitId: row.visit_id,
    name: row.name,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    thumbnailSha256: row.thumbnail_sha256,
    takenAt: row.taken_at,
    gps:
      row.gps_latitude === null || row.gps_longitude === null
        ? null
        : { latitude: row.gps_latitude, longitude: row.gps_longitude, altitude: row.gps_altitude },
    importedAt: row.imported_at,
  };
}

function visitOf(db: Database, row: VisitRow): Visit {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    ...fieldsOf(row),
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    photos: statements(db).photosOf.all(row.id).map(photoOf),
  };
}

export function getVisit(db: Database, visitId: string): Visit {
  return visitOf(db, visitRow(db, visitId));
}

/** A dossier's visits, oldest first. */
export function visitsOf(db: Database, dossierId: string): Visit[] {
  return statements(db).visitsOf.all(dossierSeqOf(db, dossierId)).map((row) => visitOf(db, row));
}

/** A photo still in its report, or 'not_found'. */
export function photoById(db: Database, photoId: string): VisitPhoto {
  const row = statements(db).photo.get(photoId);
  if (!row || row.removed_at !== null) throw new RelaisError('not_found', { what: `photo ${photoId}` });
  return photoOf(row);
}
