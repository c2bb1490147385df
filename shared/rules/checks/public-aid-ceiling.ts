/** All public aid together, this request included, may not exceed the eligible expenditure (art. 10). */
import type { DossierCheck } from '../../domain/checks';
import type { Finance } from '../../domain/dossier';

export function publicAidCeilingCheck(finance: Finance): DossierCheck {
  // The financing plan lists the other funders; the amount requested from the State comes on top.
  const otherAidCents = finance.financingPlan
    .filter((source) => source.kind === 'aide_publique')
    .reduce((total, source) => total + source.amountCents, 0);
  const totalCents = otherAidCents + finance.amountRequestedCents;
  const within = totalCents <= finance.eligibleBaseCents;
  return {
    id: 'public_aid_ceiling',
    status: within ? 'ok' : 'failed',
    due: null,
    basis: 'décret n° 2018-514, art. 10',
    params: {
      reason: within ? 'within' : 'above',
      totalCents,
      otherAidCents,
      requestedCents: finance.amountRequestedCents,
      eligibleCents: finance.eligibleBaseCents,
      excessCents: Math.max(0, totalCents - finance.eligibleBaseCents),
    },
  };
}
