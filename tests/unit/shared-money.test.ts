import { describe, expect, it } from 'vitest';
import { eurosToCents, formatEuros, percentOf } from '../../shared/domain/money';

describe('money in cents', () => {
  it('formats French amounts with narrow no-break spaces and the euro sign after', () => {
    expect(formatEuros(123_456_700, 'fr')).toBe('1\u202f234\u202f567\u00a0€');
    expect(formatEuros(1050, 'fr')).toBe('10,50\u00a0€');
  });

  it('formats English amounts', () => {
    expect(formatEuros(123_456_700, 'en')).toBe('€1,234,567');
  });

  it('converts and takes shares without floating-point drift', () => {
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
    expect(percentOf(1_000_001, 30)).toBe(300_000); // rounded down: an aid ceiling never rounds up
  });
});
