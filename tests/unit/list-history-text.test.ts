/** The history's sentences for the list's per-dossier changes, in both languages, from the real catalogues. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence, describeValue } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;
const CAMILLE = { email: 'camille@example.gouv.fr', name: 'Camille Instructrice' };

function entry(what: string, before: unknown, after: unknown): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Camille', when: '2026-03-29T00:30:00.000Z', what, before, after, intact: true };
}

describe('list mutations in the history', () => {
  it.each([
    ['dossier.addLabel', { labels: ['A'] }, { labels: ['A', 'Revue'] }, 'A ajouté l’étiquette « Revue »', 'Added the label “Revue”'],
    ['dossier.removeLabel', { labels: ['A', 'Revue'] }, { labels: ['A'] }, 'A retiré l’étiquette « Revue »', 'Removed the label “Revue”'],
    ['dossier.assign', { instructor: null }, { instructor: CAMILLE }, 'A attribué le dossier à Camille Instructrice', 'Assigned the dossier to Camille Instructrice'],
    ['dossier.assign', { instructor: CAMILLE }, { instructor: null }, 'A retiré l’attribution du dossier', 'Removed the dossier’s assignment'],
    ['dossier.passToInstruction', { state: 'en_construction' }, { state: 'en_instruction' }, 'A passé le dossier en instruction', 'Moved the dossier to “Under review”'],
    ['dossier.backToConstruction', { state: 'en_instruction' }, { state: 'en_construction' }, 'A repassé le dossier en construction', 'Moved the dossier back to “Being completed”'],
  ])('%s', (what, before, after, french, english) => {
    expect(actionSentence(fr, entry(what, before, after))).toBe(french);
    expect(actionSentence(en, entry(what, before, after))).toBe(english);
  });

  it('describes labels and instructors in words', () => {
    expect(describeValue(fr, { labels: ['A', 'Revue'] }, 'fr')).toBe('étiquettes : A, Revue');
    expect(describeValue(fr, { labels: [] }, 'fr')).toBe('aucune étiquette');
    expect(describeValue(en, { instructor: CAMILLE }, 'en')).toBe('assigned to Camille Instructrice');
    expect(describeValue(en, { instructor: null }, 'en')).toBe('assigned to nobody');
  });
});
