/**
 * The amount requested against the ceiling of the chosen State aid regime: de minimis 300,000 € per
 * undertaking over three rolling years, regional aid by zone and company size, or GBER art. 17.
 */
import type { DossierCheck } from '../../domain/checks';
import { addDays, addMonths, type IsoDate } from '../../domain/dates';
import type { CompanySize, Finance } from '../../domain/dossier';
import type { AidRegime, AidZone, PriorAid } from '../../domain/instruction';
import { percentOf } from '../../domain/money';
import { ratePercent, withinPercent } from './rate';

export const DE_MINIMIS_CEILING_CENTS = 30_000_000;
export const DE_MINIMIS_PERIOD_MONTHS = 36;

/** The regimes with an intensity ceiling, as the sentences name them (`checks.regimes.<key>`). */
export type IntensityRegime = 'regional_a' | 'regional_c' | 'gber_art17';

/** Maximum intensity in % of the eligible base; null where the regime excludes the size. */
export const MAX_INTENSITY_PERCENT: Record<IntensityRegime, Record<CompanySize, number | null>> = {
  // Outermost regions: the lowest 'a' ceiling of the 2022-2027 map (50 % for a large undertaking,
  // from 2024 in Martinique, Guadeloupe and La Réunion) with the SME bonuses of 10 and 20 points.
  regional_a: { petite: 70, moyenne: 60, grande: 50 },
  regional_c: { petite: 35, moyenne: 25, grande: 15 },
  // Art. 17 is SME investment aid: large undertakings are outside it.
  gber_art17: { petite: 20, moyenne: 10, grande: null },
};

const BASIS = {
  de_minimis: 'règlement (UE) 2023/2831, art. 3',
  regional: 'décret n° 2022-968',
  gber_art17: 'règlement (UE) n° 651/2014 (RGEC), art. 17',
} as const satisfies Record<AidRegime['kind'], string>;

const INTENSITY_REGIME_OF_ZONE: Record<AidZone, IntensityRegime | null> = { a: 'regional_a', c: 'regional_c', non_zoned: null };

/** The first day of the three rolling years that end on `today`. */
export function deMinimisPeriodStart(today: IsoDate): IsoDate {
  return addDays(addMonths(today, -DE_MINIMIS_PERIOD_MONTHS), 1);
}

/** De minimis aid granted within the three rolling years that end on `today`. */
export function priorAidWithinPeriod(priorAids: readonly PriorAid[], today: IsoDate): number {
  const start = deMinimisPeriodStart(today);
  return priorAids.filter((aid) => aid.grantedOn >= start && aid.grantedOn <= today).reduce((total, aid) => total + aid.amountCents, 0);
}

function deMinimisCheck(requestedCents: number, priorAids: readonly PriorAid[] | null, today: IsoDate): DossierCheck {
  const base = { id: 'aid_intensity', due: null, basis: BASIS.de_minimis } as const;
  const ceilingCents = DE_MINIMIS_CEILING_CENTS;
  if (priorAids === null) return { ...base, status: 'to_check', params: { reason: 'no_prior_aid', requestedCents, ceilingCents } };
  const priorCents = priorAidWithinPeriod(priorAids, today);
  const cumulatedCents = priorCents + requestedCents;
  const within = cumulatedCents <= ceilingCents;
  return {
    ...base,
    status: within ? 'ok' : 'failed',
    params: {
      reason: within ? 'de_minimis_within' : 'de_minimis_above',
      requestedCents,
      priorCents,
      periodStartOn: deMinimisPeriodStart(today),
      cumulatedCents,
      ceilingCents,
      excessCents: Math.max(0, cumulatedCents - ceilingCents),
    },
  };
}

function intensityCheck(regime: IntensityRegime, basis: string, size: CompanySize, finance: Finance): DossierCheck {
  const base = { id: 'aid_intensity', due: null, basis } as const;
  const requestedCents = finance.amountRequestedCents;
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

/** `today` dates the de minimis period: the aid would be granted on the day of the check at the earliest. */
export function aidIntensityCheck(size: CompanySize, finance: Finance, regime: AidRegime | null | undefined, today: IsoDate): DossierCheck {
  if (!regime) {
    return { id: 'aid_intensity', status: 'to_check', due: null, basis: Object.values(BASIS).join(' ; '), params: { reason: 'no_regime' } };
  }
  switch (regime.kind) {
    case 'de_minimis':
      return deMinimisCheck(finance.amountRequestedCents, regime.priorAids, today);
    case 'gber_art17':
      return intensityCheck('gber_art17', BASIS.gber_art17, size, finance);
    case 'regional': {
      const intensityRegime = INTENSITY_REGIME_OF_ZONE[regime.zone];
      // Outside the assisted areas the map allows no regional investment aid at all.
      if (!intensityRegime) return { id: 'aid_intensity', status: 'failed', due: null, basis: BASIS.regional, params: { reason: 'zone_excluded' } };
      return intensityCheck(intensityRegime, BASIS.regional, size, finance);
    }
  }
}
