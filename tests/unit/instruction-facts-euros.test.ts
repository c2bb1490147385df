/** Amounts typed in the instruction facts form, in French or English habits, to cents and back. */
import { describe, expect, it } from 'vitest';
import { centsToEuroText, parseEurosToCents } from '../../renderer/src/instruction/euros';

describe('amounts typed in euros', () => {
  it.each([
    ['12500', 1_250_000],
    ['12 500', 1_250_000],
    ['12\u202f500,50', 1_250_050],
    ['12,500.50', 1_250_050],
    ['12.500,5', 1_250_050],
    ['1 000 €', 100_000],
    ['0,01', 1],
    ['300000', 30_000_000],
    ['', null],
    ['douze mille', null],
    ['12,5,5', null],
    ['-100', null],
    ['1,234', 123_400], // three digits after the separator are a group of thousands, never cents
    ['1.2345', null],
  ])('%j → %s', (text, cents) => {
    expect(parseEurosToCents(text)).toBe(cents === null ? null : cents);
  });

  it.each([
    [1_250_000, 'fr', '12500'],
    [1_250_050, 'fr', '12500,50'],
    [1_250_005, 'en', '12500.05'],
  ] as const)('%i cents shown as %s: %j, read back the same', (cents, language, text) => {
    expect(centsToEuroText(cents, language)).toBe(text);
    expect(parseEurosToCents(text)).toBe(cents);
  });
});
