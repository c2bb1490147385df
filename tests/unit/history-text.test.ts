/** The history's sentences, in both languages, from the real catalogues. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence, describeValue, entryTime } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;

function entry(what: string, before: unknown, after: unknown): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Camille', when: '2026-03-29T00:30:00.000Z', what, before, after, intact: true };
}

describe('actionSentence', () => {
  it('says what each known mutation did', () => {
    expect(actionSentence(fr, entry('dossier.setFollowed', { followed: false }, { followed: true }))).toBe('A suivi le dossier');
    expect(actionSentence(fr, entry('dossier.setFollowed', { followed: true }, { followed: false }))).toBe('A cessé de suivre le dossier');
    expect(actionSentence(fr, entry('dossier.import', null, { state: 'en_construction' }))).toBe('Dossier importé');
    expect(actionSentence(en, entry('dossier.import', { updatedAt: '2026-01-01T00:00:00.000Z' }, {}))).toBe(
      'Dossier updated from Démarches simplifiées',
    );
  });

  it('names a mutation it has no sentence for', () => {
    expect(actionSentence(fr, entry('archive.seal', null, {}))).toBe('Modification « archive.seal »');
  });
});

describe('describeValue', () => {
  it('turns recorded fields into words, dates in Paris time', () => {
    expect(describeValue(fr, { followed: false }, 'fr')).toBe('Non suivi');
    expect(describeValue(en, { followed: true }, 'en')).toBe('Followed');
    // 00:30 UTC on the night summer time starts is 01:30 in Paris (UTC+1 until 01:00 UTC).
    expect(describeValue(fr, { state: 'en_instruction', updatedAt: '2026-03-29T00:30:00.000Z' }, 'fr')).toBe(
      'En instruction, version du 29 mars 2026, 01:30',
    );
    expect(describeValue(fr, null, 'fr')).toBe('—');
  });

  it('keeps fields it does not know readable as data', () => {
    expect(describeValue(en, { label: 'Prioritaire', count: 2 }, 'en')).toBe('label: Prioritaire, count: 2');
  });
});

describe('entryTime', () => {
  it('shows a recorded time that is not one as it is, rather than failing', () => {
    expect(entryTime('hier soir', 'fr')).toBe('hier soir');
  });
});
