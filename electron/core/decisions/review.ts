/**
 * "To review again": a proposal whose dossier changed after it was proposed (new data or pieces
 * from the applicant, brought by an import) goes back to its instructor as a draft, and is never
 * signed as it stands.
 */
import { createTranslator } from '../../../shared/i18n/translator';
import type { CoreContext } from '../context';
import { runMutation } from '../mutations';
import { getPreferences } from '../preferences';
import { reviewAgain } from './mutations';
import { dossierChangedSince, proposedRows, type DecisionRow } from './store';

/** Sends the proposal back when its dossier changed since; says whether it did. */
export function reviewIfDossierChanged(ctx: CoreContext, row: DecisionRow): boolean {
  if (row.state !== 'proposee' || !dossierChangedSince(ctx.db, row)) return false;
  const { t } = createTranslator(getPreferences(ctx).language);
  runMutation(ctx, reviewAgain, { id: row.id, comment: t('decisions.dossierChanged'), at: ctx.clock().toISOString() });
  return true;
}

/** After an import: every proposal on one of these dossiers that changed goes back to draft. */
export function reviewChangedProposals(ctx: CoreContext, dossierIds: readonly string[]): void {
  const imported = new Set(dossierIds);
  for (const row of proposedRows(ctx.db)) {
    if (imported.has(row.dossier_id)) reviewIfDossierChanged(ctx, row);
  }
}
