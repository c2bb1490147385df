/**
 * What a signed act does to its dossier, as DS would record it: an attribution accepts it, a
 * refusal refuses it, a closure closes it (the moves between states the list's bulk actions use),
 * an acknowledgement of receipt dates the AR; a request for pieces changes nothing.
 */
import type { DecisionContent } from '../../../shared/domain/decision';
import type { DossierImport } from '../../../shared/domain/dossier';
import { dossiers } from '../../../shared/sync/mutations';
import { stateMutation } from '../bulk/mutations';
import { statementsFor } from '../db/statements';
import { refreshDossierChecks } from '../dossiers/refresh-checks';
import { storedDossier } from '../instruction/facts';
import { defineSyncedMutation, mutationCall, type MutationCall } from '../mutations';

export const acceptDossier = stateMutation(dossiers.accept);
export const refuseDossier = stateMutation(dossiers.refuse);
export const closeDossier = stateMutation(dossiers.closeSansSuite);

const statements = statementsFor((db) => ({
  source: db.prepare<[string, number]>('UPDATE dossier_source SET json = ? WHERE dossier_seq = ?'),
  arDate: db.prepare<[string, number]>('UPDATE dossier SET ar_date = ? WHERE seq = ?'),
}));

/** The AR's date starts the instruction delay: the deadline and the checks follow it. */
export const acknowledgeDossier = defineSyncedMutation(dossiers.acknowledge, {
  apply(ctx, { id, arDate }) {
    const { seq, dossier } = storedDossier(ctx.db, id);
    const next: DossierImport = { ...dossier, dates: { ...dossier.dates, arDate } };
    statements(ctx.db).source.run(JSON.stringify(next), seq);
    statements(ctx.db).arDate.run(arDate, seq);
    refreshDossierChecks(ctx, seq, next);
    return { dossierId: id, before: { arDate: dossier.dates.arDate }, after: { arDate }, result: null };
  },
});

/** The dossier mutation a signed act brings with it, if any. */
export function dossierOutcome(dossierId: string, content: DecisionContent): MutationCall | null {
  switch (content.type) {
    case 'attribution':
      return mutationCall(acceptDossier, { id: dossierId });
    case 'refus':
      return mutationCall(refuseDossier, { id: dossierId });
    case 'sans-suite':
      return mutationCall(closeDossier, { id: dossierId });
    case 'accuse-reception':
      return mutationCall(acknowledgeDossier, { id: dossierId, arDate: content.date });
    case 'demande-pieces':
      return null;
  }
}
