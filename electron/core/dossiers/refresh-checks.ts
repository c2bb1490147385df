/**
 * After a dossier's state changed in place (a move between states): its current deadline, moved
 * by any recorded extension, and its legal checks stored for the list, as of today. An import
 * writes both with the dossier's row.
 */
import { parisDate } from '../../../shared/domain/dates';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { CoreContext } from '../context';
import { refreshAfterFactsChange } from '../instruction/checks';
import { instructionFactsOf } from '../instruction/facts';

export function refreshDossierChecks(ctx: CoreContext, seq: number, dossier: DossierImport): void {
  refreshAfterFactsChange(ctx.db, seq, dossier, instructionFactsOf(ctx.db, seq), parisDate(ctx.clock()));
}
