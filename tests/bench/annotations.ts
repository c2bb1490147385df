/**
 * annotate_p95_ms: one annotation through the contract as the desk adds it (validation, the
 * mutation, the journal entry, the outbox entry and the full-text index), on dossiers spread
 * over the case file, alternating notes and PDF regions.
 */
import { dispatch } from '../../electron/core/dispatch';
import type { Session } from '../../electron/core/session';
import { percentile, round, timeRuns } from './stats';

const RUNS = 300;

interface Target {
  dossierId: string;
  pieceId: string | null;
}

/** Dossiers spread over the case file, each with its first readable piece if it has one. */
function targets(session: Session): Target[] {
  return session.ctx.db
    .prepare<[], Target>(
      `SELECT d.id AS dossierId,
         (SELECT p.id FROM piece p JOIN blob b ON b.sha256 = p.sha256 WHERE p.dossier_seq = d.seq AND b.page_count >= 1 ORDER BY p.position LIMIT 1) AS pieceId
       FROM dossier d WHERE d.seq % 37 = 0 ORDER BY d.seq`,
    )
    .all();
}

export async function benchAnnotations(session: Session): Promise<{ annotate_p95_ms: number }> {
  const all = targets(session);
  if (all.length === 0) throw new Error('the case file is too small for the annotation bench');
  const runs = await timeRuns(RUNS, async (i) => {
    const { dossierId, pieceId } = all[i % all.length]!;
    const target =
      i % 2 === 1 && pieceId
        ? ({ kind: 'region', pieceId, page: 1, rect: { x: 0.1, y: 0.2, width: 0.5, height: 0.1 } } as const)
        : ({ kind: 'note' } as const);
    const text = `Point ${i} à vérifier : attestation de régularité fiscale et sociale, devis daté avant le dépôt.`;
    const envelope = await dispatch(session.handlers, 'annotations.add', { dossierId, target, text }, { validateResults: false });
    if (!envelope.ok) throw new Error(`annotations.add: ${JSON.stringify(envelope.error)}`);
  });
  return { annotate_p95_ms: round(percentile(runs, 95), 2) };
}
