/** The history's sentences and values for decisions and the dossier moves a signed act makes, in both languages. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence, describeValue } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;

function entry(what: string, before: unknown, after: unknown): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Claire Martin', when: '2026-03-29T09:30:00.000Z', what, before, after, intact: true };
}

const refusal = (state: string) => ({ decision: 'refus', state });

describe('sentences of decisions', () => {
  it.each([
    [entry('decision.create', null, refusal('brouillon')), 'Refus motivé : brouillon créé', 'Reasoned refusal: draft created'],
    [entry('decision.save', { decision: 'attribution' }, { decision: 'attribution' }), 'Arrêté attributif de subvention : brouillon enregistré', 'Grant order: draft saved'],
    [entry('decision.propose', refusal('brouillon'), refusal('proposee')), 'Refus motivé : proposée à la signature', 'Reasoned refusal: proposed for signature'],
    [entry('decision.sendBack', refusal('proposee'), refusal('brouillon')), 'Refus motivé : renvoyée à l’instructeur', 'Reasoned refusal: sent back to the instructor'],
    [entry('decision.reviewAgain', refusal('proposee'), refusal('brouillon')), 'Refus motivé : à revoir, le dossier a changé depuis la proposition', 'Reasoned refusal: to review again, the dossier changed since the proposal'],
    [entry('decision.sign', refusal('proposee'), { ...refusal('signee'), signerName: 'Claire Martin' }), 'Refus motivé : signée par Claire Martin', 'Reasoned refusal: signed by Claire Martin'],
    [
      entry('decision.withdrawRefusedSignature', { ...refusal('signee'), signatures: 1 }, { ...refusal('proposee'), withdrawn: ['ab'.repeat(32)], reason: 'decision_wrong_state' }),
      'Refus motivé : signature refusée par le hub, retirée de l’acte (gardée au dossier)',
      'Reasoned refusal: signature refused by the hub, withdrawn from the act (kept on record)',
    ],
    [entry('dossier.accept', { state: 'en_instruction' }, { state: 'accepte' }), 'Dossier accepté par décision signée', 'Dossier accepted by a signed decision'],
    [entry('dossier.refuse', { state: 'en_instruction' }, { state: 'refuse' }), 'Dossier refusé par décision signée', 'Dossier refused by a signed decision'],
    [entry('dossier.closeSansSuite', { state: 'en_instruction' }, { state: 'sans_suite' }), 'Dossier classé sans suite par décision signée', 'Dossier closed without further action by a signed decision'],
    [entry('dossier.acknowledge', { arDate: null }, { arDate: '2026-03-29' }), 'Accusé de réception signé', 'Acknowledgement of receipt signed'],
    [entry('decision.setRole', { role: 'instructeur' }, { role: 'signataire' }), 'Rôle du poste modifié', 'Role of this desk changed'],
  ])('%#: %s', (journaled, french, english) => {
    expect(actionSentence(fr, journaled)).toBe(french);
    expect(actionSentence(en, journaled)).toBe(english);
  });

  it('says the values: the act, its state, the signer, the role', () => {
    expect(describeValue(fr, refusal('proposee'), 'fr')).toBe('Refus motivé, Proposée');
    expect(describeValue(en, { role: 'signataire' }, 'en')).toBe('signatory');
    expect(describeValue(en, { signerName: 'Claire Martin', pdfSha256: 'ab'.repeat(32) }, 'en')).toBe('Claire Martin, SHA-256 abababababab…');
  });
});
