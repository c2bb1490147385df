/** The history's sentences for annotations, in both languages, from the real catalogues. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;

function entry(what: string, after: unknown): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Camille', when: '2026-03-29T00:30:00.000Z', what, before: null, after, intact: true };
}

const region = { kind: 'region', pieceId: '01a21787-dbee-742d-91ec-eda84788cb5c', page: 3, rect: { x: 0, y: 0, width: 0.5, height: 0.5 } };

describe('annotation history sentences', () => {
  it.each([
    ['annotation.add', { target: { kind: 'note' }, version: 1 }, 'Note ajoutée', 'Note added'],
    ['annotation.add', { target: { kind: 'field', position: 2 }, version: 1 }, 'Commentaire ajouté sur un champ du formulaire', 'Comment added on a field of the form'],
    ['annotation.add', { target: region, version: 1 }, 'Zone surlignée ajoutée (page 3)', 'Highlighted region added (page 3)'],
    ['annotation.edit', { target: region, version: 4 }, 'Annotation modifiée (version 4)', 'Annotation edited (version 4)'],
    ['annotation.remove', { target: { kind: 'note' }, version: 2, removed: true }, 'Annotation supprimée', 'Annotation removed'],
    // A recorded value this version cannot read (altered, or from a newer version) still gives a sentence.
    ['annotation.add', 'altered', 'Note ajoutée', 'Note added'],
  ])('%s %j', (what, after, french, english) => {
    expect(actionSentence(fr, entry(what, after))).toBe(french);
    expect(actionSentence(en, entry(what, after))).toBe(english);
  });
});
