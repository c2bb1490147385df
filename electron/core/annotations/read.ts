/** Annotations as the desk sees them: each with its current state and every version. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Annotation, AnnotationTarget, AnnotationVersion, PageRect } from '../../../shared/domain/annotation';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';

/** One version joined with its annotation, as the queries below return it. */
interface VersionRow {
  seq: number;
  id: string;
  dossierId: string;
  kind: AnnotationTarget['kind'];
  fieldPosition: number | null;
  pieceId: string | null;
  page: number | null;
  targetLabel: string | null;
  version: number;
  text: string;
  rect: string | null;
  removed: number;
  at: string;
  actorName: string;
}

const VERSION_COLUMNS = `a.seq, a.id, d.id AS dossierId, a.kind, a.field_position AS fieldPosition, a.piece_id AS pieceId, a.page,
  CASE a.kind
    WHEN 'field' THEN (SELECT label FROM champ c WHERE c.dossier_seq = a.dossier_seq AND c.position = a.field_position)
    WHEN 'region' THEN (SELECT name FROM piece p WHERE p.id = a.piece_id)
  END AS targetLabel,
  v.version, v.text, v.rect, v.removed, v.at, v.actor_name AS actorName`;
const FROM = `annotation a JOIN dossier d ON d.seq = a.dossier_seq JOIN annotation_version v ON v.annotation_seq = a.seq`;

const statements = statementsFor((db) => ({
  ofDossier: db.prepare<[number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM ${FROM} WHERE a.dossier_seq = ? ORDER BY a.seq, v.version`),
  one: db.prepare<[string], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM ${FROM} WHERE a.id = ? ORDER BY v.version`),
}));

function targetOf(row: VersionRow, rect: PageRect | null): AnnotationTarget {
  if (row.kind === 'field') return { kind: 'field', position: row.fieldPosition! };
  if (row.kind === 'region') return { kind: 'region', pieceId: row.pieceId!, page: row.page!, rect: rect! };
  return { kind: 'note' };
}

/** Folds the rows of one annotation (oldest version first) into the annotation. */
function annotationOf(rows: readonly VersionRow[]): Annotation {
  const versions: AnnotationVersion[] = rows.map((row) => ({
    version: row.version,
    text: row.text,
    rect: row.rect === null ? null : (JSON.parse(row.rect) as PageRect),
    removed: row.removed === 1,
    at: row.at,
    by: row.actorName,
  }));
  const first = rows[0];
  const current = versions[versions.length - 1];
  return {
    id: first.id,
    dossierId: first.dossierId,
    target: targetOf(first, current.rect),
    targetLabel: first.targetLabel,
    text: current.text,
    version: current.version,
    removed: current.removed,
    createdAt: versions[0].at,
    createdBy: versions[0].by,
    updatedAt: current.at,
    updatedBy: current.by,
    versions,
  };
}

function groupBySeq(rows: readonly VersionRow[]): Annotation[] {
  const groups = new Map<number, VersionRow[]>();
  for (const row of rows) {
    const group = groups.get(row.seq);
    if (group) group.push(row);
    else groups.set(row.seq, [row]);
  }
  return [...groups.values()].map(annotationOf);
}

/** The dossier's annotations, oldest first. */
export function annotationsOfDossier(db: Database, dossierSeq: number, { includeRemoved }: { includeRemoved: boolean }): Annotation[] {
  const all = groupBySeq(statements(db).ofDossier.all(dossierSeq));
  return includeRemoved ? all : all.filter((annotation) => !annotation.removed);
}

/** One annotation with its integer key, or 'not_found'. */
export function annotationById(db: Database, id: string): { seq: number; annotation: Annotation } {
  const rows = statements(db).one.all(id);
  if (rows.length === 0) throw new RelaisError('not_found', { what: `annotation ${id}` });
  return { seq: rows[0].seq, annotation: annotationOf(rows) };
}
