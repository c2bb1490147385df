/** An advance is at most 30 % of the planned aid, 60 % with a first-demand bank guarantee (art. 12). */
import type { DossierCheck } from '../../domain/checks';
import { percentOf } from '../../domain/money';
import type { Advance } from '../../domain/instruction';
import { ratePercent, withinPercent } from './rate';

export const ADVANCE_MAX_PERCENT = 30;
export const GUARANTEED_ADVANCE_MAX_PERCENT = 60;

export function advanceCeilingCheck(requestedCents: number, advance: Advance | undefined): DossierCheck {
  const base = { id: 'advance_ceiling', due: null, basis: 'décret n° 2018-514, art. 12' } as const;
  if (!advance) return { ...base, status: 'to_check', params: { reason: 'no_advance' } };
  // Without an amount of aid there is nothing to take a share of.
  if (requestedCents === 0) return { ...base, status: 'to_check', params: { reason: 'no_aid', advanceCents: advance.amountCents } };
  const maxPercent = advance.bankGuarantee ? GUARANTEED_ADVANCE_MAX_PERCENT : ADVANCE_MAX_PERCENT;
  const within = withinPercent(advance.amountCents, requestedCents, maxPercent);
  return {
    ...base,
    status: within ? 'ok' : 'failed',
    params: {
      reason: within ? 'within' : 'above',
      advanceCents: advance.amountCents,
      requestedCents,
      advancePercent: ratePercent(advance.amountCents, requestedCents, !within),
      maxPercent,
      maxAdvanceCents: percentOf(requestedCents, maxPercent),
    },
  };
}
