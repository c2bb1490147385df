/** The figures and reference a new act starts from. */
import { describe, expect, it } from 'vitest';
import { attributionFigures, decisionReference } from '../../electron/core/decisions/prefill';

describe('attribution figures: the request capped at the regime, as an exact rate × base', () => {
  it.each([
    // requested, base, max %, rate (basis points), amount
    { requested: 25_000_000, base: 100_000_000, max: 35, rate: 2_500, amount: 25_000_000 },
    { requested: 50_000_000, base: 100_000_000, max: 35, rate: 3_500, amount: 35_000_000 },
    { requested: 50_000_000, base: 100_000_000, max: 10, rate: 1_000, amount: 10_000_000 },
    // 1/3 of the base: rounded down to 33,33 %, and the amount follows the rate.
    { requested: 1_000_000, base: 3_000_000, max: 35, rate: 3_333, amount: 999_900 },
    // No known ceiling (no regime chosen): the request's own share.
    { requested: 2_000_000, base: 8_000_000, max: null, rate: 2_500, amount: 2_000_000 },
    // A de minimis remainder as a fractional share of the base.
    { requested: 40_000_000, base: 90_000_000, max: (30_000_000 * 100) / 90_000_000, rate: 3_333, amount: 29_997_000 },
    // A regime that excludes the company: nothing.
    { requested: 1_000_000, base: 3_000_000, max: 0, rate: 1, amount: 300 },
    { requested: 1_000_000, base: 0, max: 35, rate: 1, amount: 0 },
    // Never above the whole base.
    { requested: 9_000_000, base: 3_000_000, max: null, rate: 10_000, amount: 3_000_000 },
  ])('$requested requested on $base at most $max % → $rate bp, $amount', ({ requested, base, max, rate, amount }) => {
    const figures = attributionFigures(requested, base, max);
    expect(figures).toEqual({ rateBasisPoints: rate, amountCents: amount });
    expect(figures.amountCents).toBeLessThanOrEqual(Math.max(requested, 0));
    expect(figures.amountCents * 10_000).toBeLessThanOrEqual(base * figures.rateBasisPoints);
  });
});

describe('decision reference', () => {
  it.each([
    ['accuse-reception', 'TI-2026-1042-AR'],
    ['demande-pieces', 'TI-2026-1042-DP'],
    ['attribution', 'TI-2026-1042-ATT'],
    ['refus', 'TI-2026-1042-REF'],
    ['sans-suite', 'TI-2026-1042-CSS'],
  ] as const)('%s → %s', (type, reference) => {
    expect(decisionReference('2026-03-15', 1042, type)).toBe(reference);
  });
});
