/**
 * What follows a change of a dossier's instruction facts or state: the list's deadline column and
 * the stored check statuses, recomputed with the facts.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { IsoDate } from '../../../shared/domain/dates';
import { currentDeadline } from '../../../shared/domain/deadlines';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { InstructionFacts } from '../../../shared/domain/instruction';
import { computeChecks } from '../../../shared/rules/checks';
import { statementsFor } from '../db/statements';
import { storeDossierChecks } from '../dossiers/check-columns';

const statements = statementsFor((db) => ({
  deadline: db.prepare<[string | null, string | null, number]>('UPDATE dossier SET due_date = ?, due_kind = ? WHERE seq = ?'),
}));

/** Call in the transaction that changed the facts: the list sorts by the deadline an extension moved. */
export function refreshAfterFactsChange(db: Database, seq: number, dossier: DossierImport, facts: InstructionFacts, today: IsoDate): void {
  const { state, dates } = dossier;
  const deadline = currentDeadline(state, dates.receivedAt, dates.arDate, facts.extensions);
  statements(db).deadline.run(deadline?.due ?? null, deadline?.kind ?? null, seq);
  storeDossierChecks(db, seq, computeChecks(dossier, today, facts));
}
