import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator';
import { describeVisitField } from '../../renderer/src/visits/historyValues';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;

describe('describeVisitField', () => {
  it.each([
    [fr, 'place', 'Usine de Golbey', 'Lieu : Usine de Golbey'],
    [fr, 'observations', '', 'Observations : —'],
    [fr, 'conclusion', `${'très '.repeat(40)}bien`, `Conclusion : ${'très '.repeat(40).slice(0, 119)}…`],
    [fr, 'participants', [{ name: 'A', role: '' }, { name: 'B', role: '' }], '2 participants'],
    [fr, 'checklist', { a: { status: 'ok', remark: '' }, b: { status: null, remark: 'à voir' } }, '1 point de contrôle renseigné'],
    [fr, 'photo', 'façade.jpg', 'Photo « façade.jpg »'],
    [fr, 'visitId', '0190', 'Compte rendu de visite'],
    [en, 'place', 'Golbey plant', 'Place: Golbey plant'],
    [en, 'participants', [{ name: 'A', role: '' }], '1 participant'],
    [fr, 'date', '2026-03-16', 'Date de la visite : 16 mars 2026'],
    [en, 'date', null, 'Date of the visit: —'],
  ] as const)('%#: %s %j', (t, key, value, phrase) => {
    expect(describeVisitField(t, key, value, t === fr ? 'fr' : 'en')).toBe(phrase);
  });

  it('leaves keys of other mutations to the history', () => {
    expect(describeVisitField(fr, 'followed', true, 'fr')).toBeNull();
    expect(describeVisitField(fr, 'place', 42, 'fr')).toBeNull();
    expect(describeVisitField(fr, 'date', '16/03/2026', 'fr')).toBeNull();
  });
});
