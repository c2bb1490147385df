/** The decision editor's fields: rates and lines typed as text, the computed amount, and the schema's word on each field. */
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { DecisionContentOf } from '../../shared/domain/decision';
import { contentErrors } from '../../renderer/src/decisions/contentErrors';
import { basisPointsToPercentText, computedAmountCents, parseLines, parseMonths, parsePercentToBasisPoints } from '../../renderer/src/decisions/values';

describe('rates typed in percent', () => {
  it.each([
    ['25', 2_500],
    ['12,5', 1_250],
    ['12.75', 1_275],
    ['7 %', 700],
    ['100', 10_000],
    ['0,01', 1],
    ['0', null],
    ['101', null],
    ['12,345', null],
    ['-5', null],
    ['', null],
    ['vingt', null],
  ])('%j → %s basis points', (text, basisPoints) => {
    expect(parsePercentToBasisPoints(text)).toBe(basisPoints);
  });

  it.each([
    [2_500, 'fr', '25'],
    [1_250, 'fr', '12,5'],
    [1_205, 'en', '12.05'],
    [1_275, 'en', '12.75'],
  ] as const)('%i basis points shown as %s: %j, read back the same', (basisPoints, language, text) => {
    expect(basisPointsToPercentText(basisPoints, language)).toBe(text);
    expect(parsePercentToBasisPoints(text)).toBe(basisPoints);
  });
});

describe('the amount the rate gives', () => {
  it.each([
    [50_000_000, 2_000, 10_000_000],
    [158_872_173, 1_000, 15_887_217],
    [333, 3_333, 110],
  ])('%i cents at %i basis points → %i cents, rounded down', (eligible, rate, amount) => {
    expect(computedAmountCents(eligible, rate)).toBe(amount);
  });
});

describe('lists and months typed as text', () => {
  it('keeps one trimmed entry per non-blank line', () => {
    expect(parseLines('  Extrait Kbis \n\nRIB\n   ')).toEqual(['Extrait Kbis', 'RIB']);
  });

  it.each([
    ['8', 8],
    [' 24 ', 24],
    ['0', null],
    ['25', null],
    ['8,5', null],
    ['', null],
  ])('%j months → %s', (text, months) => {
    expect(parseMonths(text)).toBe(months);
  });
});

describe('what the schema says of each field', () => {
  const t = ((key: string) => key) as unknown as TFunction;
  const closure: DecisionContentOf<'sans-suite'> = {
    type: 'sans-suite',
    dossier: { number: 42, company: 'Forges de l’Est SAS', siret: '73282932000074', address: ['1 rue des Forges', '57000 Metz'], projectTitle: 'Four électrique', regionCode: '44' },
    reference: 'TI-42-CSS',
    date: '2026-11-26',
    authority: ['PRÉFET DE LA RÉGION GRAND EST'],
    signatory: { firstName: 'Claire', lastName: 'Martin', title: 'Secrétaire générale pour les affaires régionales', delegation: null },
    remarks: '',
    reason: '',
  };

  it('has nothing to say of a complete draft (an empty reason waits for the proposal rules)', () => {
    const { valid, errorOf } = contentErrors(closure, t);
    expect(valid).toBe(true);
    expect(errorOf('reason')).toBeUndefined();
  });

  it.each([
    ['signatory.firstName', { signatory: { ...closure.signatory, firstName: ' ' } }, 'decisions.ui.invalid.required'],
    ['reference', { reference: 'R'.repeat(301) }, 'decisions.ui.invalid.tooLong'],
    ['date', { date: '26/11/2026' }, 'decisions.ui.invalid.value'],
    ['authority', { authority: [] }, 'decisions.ui.invalid.value'],
  ])('names the field at fault: %s', (path, change, message) => {
    const { valid, errorOf } = contentErrors({ ...closure, ...change }, t);
    expect(valid).toBe(false);
    expect(errorOf(path)).toBe(message);
  });
});
