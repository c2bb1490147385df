/**
 * The sync page names every synced change and the fields of conflicts in words: each synced
 * mutation has its `sync.mutations.<name>` in both catalogues, and a name or field the desk does
 * not know (a newer hub's) is still shown, as it is, inside a sentence.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n';
import { SYNCED_MUTATIONS } from '../../shared/sync/mutations';
import { fieldLabel, fieldQualifier, mutationLabel, valueKeyLabel } from '../../renderer/src/sync/syncText';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ resources, lng: 'fr', fallbackLng: false, showSupportNotice: false, interpolation: { escapeValue: false } });
});

describe('names of synced changes', () => {
  it('has words for every synced mutation in French and in English', async () => {
    for (const language of ['fr', 'en'] as const) {
      await i18n.changeLanguage(language);
      for (const name of SYNCED_MUTATIONS.keys()) {
        expect(i18n.exists(`sync.mutations.${name}`), `${language}: ${name}`).toBe(true);
        expect(mutationLabel(i18n, name)).not.toContain(name);
      }
    }
    await i18n.changeLanguage('fr');
  });

  it('shows an unknown change by its name', () => {
    expect(mutationLabel(i18n, 'future.thing')).toBe('Action « future.thing »');
  });
});

describe('fields of conflicts', () => {
  it('labels a field by its entity and name, a qualified field by its first part', () => {
    expect(fieldLabel(i18n, 'instruction', 'advance', 'instruction:d1:advance')).toBe('Avance');
    expect(fieldLabel(i18n, 'dossier', 'label/urgent', 'dossier:d1:label/urgent')).toBe('Étiquette');
    expect(fieldQualifier('label/urgent')).toBe('urgent');
    expect(fieldQualifier('advance')).toBeNull();
    expect(fieldQualifier(null)).toBeNull();
  });

  it('shows an unknown field or a key without field by the key itself', () => {
    expect(fieldLabel(i18n, 'dossier', 'colour', 'dossier:d1:colour')).toBe('Champ « dossier:d1:colour »');
    expect(fieldLabel(i18n, 'annotation', null, 'annotation:a1')).toBe('Champ « annotation:a1 »');
  });

  it('names the parts of a recorded value, or keeps a part’s own name', () => {
    expect(valueKeyLabel(i18n, 'amountCents')).toBe('Montant');
    expect(valueKeyLabel(i18n, 'somethingElse')).toBe('somethingElse');
  });
});
