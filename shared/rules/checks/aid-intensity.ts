/**
 * The amount requested against the ceiling of the chosen State aid regime: de minimis 300,000 € per
 * undertaking over three rolling years, regional aid in zone c by company size, or GBER art. 17.
 */
import type { DossierCheck } from '../../domain/checks';
import type { CompanySize, Finance } from '../../domain/dossier';
import { percentOf } from '../../domain/money';
import type { AidRegime, CheckInputs } from './inputs';
import { ratePercent, withinPercent } from './rate';

export const DE_MINIMIS_CEILING_CENTS = 30_000_000;

/** Maximum intensity in % of the eligible base; null where the regime excludes the size. */
export const MAX_INTENSITY_PERCENT: Record<Exclude<AidRegime, 'de_minimis'>, Record<CompanySize, number | null>> = {
  regional_zone_c: { petite: 35, moyenne: 25, grande: 15 },
  // Art. 17 is SME investment aid: large undertakings are outside it.
  gber_art17: { petite: 20, moyenne: 10, grande: null },
};

const BASIS: Record<AidRegime, string> = {
  de_minimis: 'règlement (UE) 2023/2831, art. 3',
  regional_zone_c: 'décret n° 2022-968',
  gber_art17: 'règlement (UE) n° 651/2014 (RGEC), art. 17',
};

function deMinimisCheck(requestedCents: number, priorCents: number | undefined): DossierCheck {
  const base = { id: 'aid_intensity', due: null, basis: BASIS.de_minimis } as const;
  const ceilingCents = DE_MINIMIS_CEILING_CENTS;
  if (priorCents === undefined) return { ...base, status: 'to_check', params: { reason: 'no_prior_aid', requestedCents, ceilingCents } };
  const cumulatedCents = priorCents + requestedCents;
  const within = cumulatedCents <= ceilingCents;
  return {
    ...base,
    status: within ? 'ok' : 'failed',
    params: {
      reason: within ? 'de_minimis_within' : 'de_minimis_above',
      requestedCents,
      priorCents,
      cumulatedCents,
      ceilingCents,
      excessCents: Math.max(0, cumulatedCents - ceilingCents),
    },
  };
}

export function aidIntensityCheck(size: CompanySize, finance: Finance, inputs: Pick<CheckInputs, 'regime' | 'priorDeMinimisCents'>): DossierCheck {
  const { regime } = inputs;
  const requestedCents = finance.amountRequestedCents;
  if (!regime) {
    return { id: 'aid_intensity', status: 'to_check', due: null, basis: Object.values(BASIS).join(' ; '), params: { reason: 'no_regime' } };
  }
  if (regime === 'de_minimis') return deMinimisCheck(requestedCents, inputs.priorDeMinimisCents);

  const base = { id: 'aid_intensity', due: null, basis: BASIS[regime] } as const;
  const maxPercent = MAX_INTENSITY_PERCENT[regime][size];
  if (maxPercent === null) return { ...base, status: 'failed', params: { reason: 'size_excluded', regime, size } };
  const eligibleCents = finance.eligibleBaseCents;
  if (eligibleCents === 0) return { ...base, status: 'to_check', params: { reason: 'no_eligible_base', regime } };
  const within = withinPercent(requestedCents, eligibleCents, maxPercent);
  return {
    ...base,
    status: within ? 'ok' : 'failed',
    params: {
      reason: within ? 'rate_within' : 'rate_above',
      regime,
      size,
      requestedCents,
      eligibleCents,
      ratePercent: ratePercent(requestedCents, eligibleCents, !within),
      maxPercent,
      maxAidCents: percentOf(eligibleCents, maxPercent),
    },
  };
}
