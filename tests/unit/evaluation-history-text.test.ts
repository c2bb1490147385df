/** An evaluation change in the dossier's history, in both languages, from the real catalogues. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence, describeValue } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;
const criterion = { fr: 'Emplois créés ou maintenus', en: 'Jobs created or kept' };

function entry(before: unknown, after: unknown): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Camille', when: '2026-03-16T08:30:00.000Z', what: 'evaluation.setCriterion', before, after, intact: true };
}

describe('an evaluation change in the history', () => {
  it('says a criterion was changed', () => {
    expect(actionSentence(fr, entry({}, {}))).toBe('Critère d’évaluation modifié');
    expect(actionSentence(en, entry({}, {}))).toBe('Evaluation criterion changed');
  });

  it.each([
    ['fr', { criterion, status: 'to_check' }, '« Emplois créés ou maintenus », appréciation : À vérifier'],
    ['en', { criterion, status: 'not_met' }, '“Jobs created or kept”, assessment: Not met'],
    ['fr', { criterion, comment: '' }, '« Emplois créés ou maintenus », sans commentaire'],
    ['fr', { criterion, comment: '12 emplois' }, '« Emplois créés ou maintenus », commentaire : « 12 emplois »'],
    ['en', { criterion, evidence: [] }, '“Jobs created or kept”, no evidence'],
    ['fr', { criterion, evidence: [{ kind: 'annotation', annotationId: 'a' }] }, '« Emplois créés ou maintenus », 1 preuve'],
    ['en', { criterion, evidence: [{}, {}] }, '“Jobs created or kept”, 2 pieces of evidence'],
  ] as const)('describes %s %j', (language, value, expected) => {
    expect(describeValue(language === 'fr' ? fr : en, value, language)).toBe(expected);
  });

  it('leaves a status of another kind to the generic description', () => {
    expect(describeValue(fr, { status: 'sent' }, 'fr')).toBe('status: sent');
  });
});
