/** The history's sentences for instruction facts and messages, in both languages, from the real catalogues. */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/contract';
import { createTranslator } from '../../shared/i18n/translator';
import { actionSentence, describeValue } from '../../renderer/src/dossier/historyText';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function entry(what: string): HistoryEntry {
  return { seq: 1, mutationId: 'm', who: 'Camille', when: '2026-03-29T00:30:00.000Z', what, before: null, after: null, intact: true };
}

describe('sentences of instruction facts and messages', () => {
  it.each([
    ['instruction.setRegime', 'Régime d’aide d’État modifié', 'State aid regime changed'],
    ['instruction.setAdvance', 'Avance modifiée', 'Advance changed'],
    ['instruction.addExtension', 'Délai d’instruction prorogé', 'Instruction delay extended'],
    ['instruction.removeExtension', 'Prorogation du délai d’instruction retirée', 'Extension of the instruction delay removed'],
    ['message.createDraft', 'Brouillon de message commencé', 'Message draft started'],
    ['message.saveDraft', 'Brouillon de message enregistré', 'Message draft saved'],
    ['message.send', 'Message mis en file d’envoi au demandeur', 'Message queued for the applicant'],
    ['message.discardDraft', 'Brouillon de message supprimé', 'Message draft deleted'],
  ])('%s', (what, french, english) => {
    expect(actionSentence(fr, entry(what))).toBe(french);
    expect(actionSentence(en, entry(what))).toBe(english);
  });

  it.each([
    [{ regime: null }, 'aucun régime', 'no regime'],
    [{ regime: { kind: 'regional', zone: 'c' } }, 'aide à finalité régionale, zone c', 'regional aid, area c'],
    [{ regime: { kind: 'gber_art17' } }, 'RGEC, article 17', 'GBER, article 17'],
    [{ regime: { kind: 'de_minimis', priorAids: null } }, 'de minimis, aides antérieures non déclarées', 'de minimis, prior aid not declared'],
    [
      { regime: { kind: 'de_minimis', priorAids: [{ grantor: 'Région', amountCents: 100, grantedOn: '2025-01-01' }, { grantor: 'BPI', amountCents: 100, grantedOn: '2025-02-01' }] } },
      'de minimis, 2 aides antérieures déclarées',
      'de minimis, 2 prior aids declared',
    ],
    [{ advance: { amountCents: 3_000_000, bankGuarantee: true } }, 'avance de 30 000 € avec garantie bancaire', 'advance of €30,000 with a bank guarantee'],
    [{ advance: null }, 'aucune avance', 'no advance'],
    [
      { extensions: [{ id: '0190a3c4-0000-7000-8000-000000000001', decidedOn: '2026-02-01', newDue: '2026-05-15', reason: 'Expertise' }] },
      '1 prorogation, échéance au 15 mai 2026',
      '1 extension, due on 15 May 2026',
    ],
    [{ messageStatus: 'not_sent', answerBy: '2026-04-28' }, 'Pas encore envoyé, réponse attendue le 28 avr. 2026', 'Not sent yet, answer expected by 28 Apr 2026'],
  ])('describes %j', (value, french, english) => {
    expect(plain(describeValue(fr, value, 'fr'))).toBe(french);
    expect(plain(describeValue(en, value, 'en'))).toBe(english);
  });
});
