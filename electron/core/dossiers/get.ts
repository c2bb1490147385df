/** 'dossiers.get': everything the dossier page shows, with its deadlines counted from today in Paris. */
import type { DeadlineView, DossierDetail, PieceView } from '../../../shared/contract';
import { parisDate, type IsoDate } from '../../../shared/domain/dates';
import { admissibilityDeadline, daysLeft, instructionDeadline, type Deadline, type ExtendedDue } from '../../../shared/domain/deadlines';
import { DECIDED_STATES, type DossierImport } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { computeChecks } from '../../../shared/rules/checks';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { instructionFactsOf } from '../instruction/facts';
import { attachedPiecesOf } from '../pieces';

const statements = statementsFor((db) => ({
  dossier: db.prepare<[string], { seq: number; followed: number; json: string; labels: string }>(
    `SELECT d.seq, d.followed, s.json,
       (SELECT json_group_array(label) FROM dossier_label l WHERE l.dossier_seq = d.seq) AS labels
     FROM dossier d JOIN dossier_source s ON s.dossier_seq = d.seq WHERE d.id = ?`,
  ),
  pieces: db.prepare<[number], PieceView>(
    `SELECT p.id, p.name, p.kind, p.mime_type AS mimeType, p.size_bytes AS sizeBytes, p.sha256,
       b.text_status AS textStatus, b.page_count AS pageCount
     FROM piece p JOIN blob b ON b.sha256 = p.sha256 WHERE p.dossier_seq = ? ORDER BY p.position`,
  ),
}));

function view(deadline: Deadline, today: IsoDate, met: boolean): DeadlineView {
  return { ...deadline, daysLeft: daysLeft(deadline.due, today), met };
}

/** Admissibility always applies; the instruction deadline runs once the AR exists, moved by its extensions. */
export function deadlinesOf(dossier: DossierImport, today: IsoDate, extensions: readonly ExtendedDue[] = []): DeadlineView[] {
  const { receivedAt, arDate, admissibilityNotifiedOn } = dossier.dates;
  const deadlines = [view(admissibilityDeadline(receivedAt), today, admissibilityNotifiedOn !== null || arDate !== null)];
  if (arDate) deadlines.push(view(instructionDeadline(arDate, extensions), today, DECIDED_STATES.includes(dossier.state)));
  return deadlines;
}

export function getDossier(ctx: CoreContext, id: string): DossierDetail {
  const s = statements(ctx.db);
  const row = s.dossier.get(id);
  if (!row) throw new RelaisError('not_found', { what: `dossier ${id}` });
  const dossier = JSON.parse(row.json) as DossierImport;
  const today = parisDate(ctx.clock());
  const facts = instructionFactsOf(ctx.db, row.seq);
  return {
    ...dossier,
    // Labels and the followed flag are local state: the tables hold the current values.
    labels: JSON.parse(row.labels) as string[],
    followed: row.followed === 1,
    pieces: [...s.pieces.all(row.seq), ...attachedPiecesOf(ctx.db, row.seq)],
    deadlines: deadlinesOf(dossier, today, facts.extensions),
    checks: computeChecks(dossier, today, facts),
    today,
  };
}
