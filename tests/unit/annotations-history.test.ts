/** The history's sentences for annotations, in both languages, from the real catalogues. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence, describeValue } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;

function entry(what: string, after: unknown): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Camille', when: '2026-03-29T00:30:00.000Z', what, before: null, after, intact: true };
}

const region = { kind: 'region', pieceId: '01a21787-dbee-742d-91ec-eda84788cb5c', page: 3, rect: { x: 0, y: 0, width: 0.5, height: 0.5 } };
const recorded = (target: unknown, version = 1, removed = false, text = 'À vérifier') => ({ annotation: { id: 'a', text, target, version, removed } });

describe('annotation history sentences', () => {
  it.each([
    ['annotation.add', recorded({ kind: 'note' }), 'Note ajoutée', 'Note added'],
    ['annotation.add', recorded({ kind: 'field', position: 2 }), 'Commentaire ajouté sur un champ du formulaire', 'Comment added on a field of the form'],
    ['annotation.add', recorded(region), 'Zone surlignée ajoutée (page 3)', 'Highlighted region added (page 3)'],
    ['annotation.edit', recorded(region, 4), 'Annotation modifiée (version 4)', 'Annotation edited (version 4)'],
    ['annotation.remove', recorded({ kind: 'note' }, 2, true), 'Annotation supprimée', 'Annotation removed'],
    // A recorded value this version cannot read (altered, or from a newer version) still gives a sentence.
    ['annotation.add', 'altered', 'Note ajoutée', 'Note added'],
  ])('%s %j', (what, after, french, english) => {
    expect(actionSentence(fr, entry(what, after))).toBe(french);
    expect(actionSentence(en, entry(what, after))).toBe(english);
  });
});

describe('annotation history values', () => {
  it.each([
    [recorded({ kind: 'note' }, 2), '« À vérifier », version 2', '“À vérifier”, version 2'],
    [recorded({ kind: 'note' }, 3, true), 'supprimée, version 3', 'removed, version 3'],
    [recorded({ kind: 'note' }, 1, false, `Ligne un\n${'long '.repeat(40)}`), `« Ligne un ${'long '.repeat(21)}long… », version 1`, null],
  ])('%j', (value, french, english) => {
    expect(describeValue(fr, value, 'fr')).toBe(french);
    if (english) expect(describeValue(en, value, 'en')).toBe(english);
  });
});
