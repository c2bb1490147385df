/** Every legal check of a dossier, in the order of CHECK_IDS. */
import type { DossierCheck } from '../../domain/checks';
import type { IsoDate } from '../../domain/dates';
import type { DossierImport } from '../../domain/dossier';
import { admissibilityDeadlineCheck } from './admissibility-deadline';
import { advanceCeilingCheck } from './advance-ceiling';
import { aidIntensityCheck } from './aid-intensity';
import type { CheckInputs } from './inputs';
import { instructionDeadlineCheck } from './instruction-deadline';
import { publicAidCeilingCheck } from './public-aid-ceiling';
import { requiredPiecesCheck } from './required-pieces';

export type { CheckInputs } from './inputs';

export function computeChecks(dossier: DossierImport, today: IsoDate, inputs: CheckInputs = {}): DossierCheck[] {
  const { finance, dates } = dossier;
  return [
    requiredPiecesCheck(dossier.pieces),
    admissibilityDeadlineCheck(dates, today),
    instructionDeadlineCheck(dossier.state, dates, today, inputs.extensions),
    publicAidCeilingCheck(finance),
    aidIntensityCheck(dossier.demandeur.size, finance, inputs.regime, today),
    advanceCeilingCheck(finance.amountRequestedCents, inputs.advance ?? undefined),
  ];
}
