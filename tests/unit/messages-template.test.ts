/** Filling a message's variables: the answer-by date in Paris calendar days, the missing pieces, typos caught. */
import { describe, expect, it } from 'vitest';
import { answerByDate, fillMessage, messageVariables, unknownVariables, type MessageContext } from '../../shared/domain/message';

const context: MessageContext = {
  company: 'Forges de Lorraine',
  dossierNumber: 12,
  projectTitle: 'Four à induction',
  instructorName: 'Camille Instructrice',
  missingPieces: ['devis', 'plan_financement'],
  today: '2026-01-31',
};

describe('answer-by date', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'], // across February
    ['2028-02-01', 28, '2028-02-29'], // leap year
    ['2026-03-28', 1, '2026-03-29'], // the day the clocks go forward
    ['2026-10-24', 7, '2026-10-31'], // across the night the clocks go back
    ['2026-12-31', 15, '2027-01-15'],
  ])('%s + %i days → %s', (today, days, expected) => {
    expect(answerByDate(today, days)).toBe(expected);
  });
});

describe('variables', () => {
  it('fills each variable, in French, whatever the interface language', () => {
    const values = messageVariables(context, 30);
    expect(values).toEqual({
      entreprise: 'Forges de Lorraine',
      numero_dossier: '12',
      projet: 'Four à induction',
      instructeur: 'Camille Instructrice',
      pieces_manquantes:
        '- le devis signé ou la proposition commerciale détaillée des investissements\n- le plan de financement du projet, toutes sources d’aide publique comprises',
      delai_reponse: '30 jours',
      date_reponse: '2 mars 2026',
    });
    expect(messageVariables({ ...context, missingPieces: [] }, 1).pieces_manquantes).toBe('(aucune pièce obligatoire ne manque)');
  });

  it.each([
    ['Dossier n° {{numero_dossier}}', 'Dossier n° 12'],
    ['{{ entreprise }} / {{projet}}', 'Forges de Lorraine / Four à induction'],
    ['Avant le {{date_reponse}}.', 'Avant le 2 mars 2026.'],
    ['Sans variable', 'Sans variable'],
    ['{{inconnue}} reste', '{{inconnue}} reste'],
  ])('%j → %j', (text, filled) => {
    expect(fillMessage(text, messageVariables(context, 30))).toBe(filled);
  });

  it.each([
    ['{{entreprise}} {{numero_dossier}}', []],
    ['{{entrepise}} et {{numero}} et {{entrepise}}', ['entrepise', 'numero']],
    ['{{}}', ['']],
    ['{ entreprise }', []],
  ])('unknown variables in %j: %j', (text, unknown) => {
    expect(unknownVariables(text)).toEqual(unknown);
  });
});
