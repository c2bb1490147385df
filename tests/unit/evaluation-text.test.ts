/** The evaluation's sentences in both languages, from the real catalogues and a real score. */
import { describe, expect, it } from 'vitest';
import type { CriterionStatus } from '../../shared/domain/evaluation';
import { createTranslator } from '../../shared/i18n/translator';
import { scoreEvaluation } from '../../shared/rules/evaluation';
import { lineSentence, proposalSentence, verdictSentence } from '../../renderer/src/evaluation/evaluationText';
import { gate, scoringLine, testProgramme } from './fixtures/test-programme';

const fr = createTranslator('fr').t;
const en = createTranslator('en').t;
const programme = testProgramme([gate('a'), gate('b'), gate('c'), scoringLine('s', 100)]);
const labels = new Map(programme.criteria.map((c) => [c.id, c.id.toUpperCase()]));
const score = (statuses: Record<string, CriterionStatus>) => scoreEvaluation(programme, new Map(Object.entries(statuses)));
const NB = '\u00a0';

describe('verdictSentence', () => {
  it.each([
    ['fr', { a: 'not_met', b: 'met', c: 'met' }, `Condition d’éligibilité non satisfaite : «${NB}A${NB}». Le dossier est inéligible, quel que soit son score.`],
    ['en', { a: 'not_met', b: 'not_met', c: 'not_met' }, 'Eligibility conditions not met: “A”, “B” and “C”. The dossier is ineligible, whatever its score.'],
    ['fr', { a: 'met', b: 'met' }, `Éligibilité à confirmer : «${NB}C${NB}» reste à vérifier ; le score est provisoire.`],
    ['en', {}, 'Eligibility to confirm: 3 conditions are still to check; the score is provisional.'],
    ['fr', { a: 'met', b: 'met', c: 'met' }, 'Éligible. Score provisoire : jusqu’à 100 points possibles, le minimum de 50 points peut encore être atteint.'],
    ['en', { a: 'met', b: 'met', c: 'met', s: 'met' }, 'Eligible, and the score reaches the minimum of 50 points.'],
    ['fr', { a: 'met', b: 'met', c: 'met', s: 'not_met' }, 'Éligible, mais le score ne peut plus atteindre le minimum de 50 points (au plus 0).'],
  ] as const)('%s %j', (language, statuses, expected) => {
    expect(verdictSentence(language === 'fr' ? fr : en, score(statuses), labels, language)).toBe(expected);
  });
});

describe('proposalSentence and lineSentence', () => {
  it('formats dates in the reader’s language and says when a value was not given', () => {
    expect(proposalSentence(fr, { status: 'not_met', reason: 'start_before_receipt', startOn: '2026-01-31', receivedOn: '2026-02-01' }, 'fr')).toBe(
      'Début des travaux prévu le 31 janv. 2026, avant la réception de la demande le 1 févr. 2026.',
    );
    expect(proposalSentence(en, { status: 'met', reason: 'jobs_declared', created: 12, kept: null }, 'en')).toBe('Jobs created declared: 12; jobs kept: not given.');
    expect(lineSentence(fr, { reason: 'scoring_met', points: 25, maxPoints: 25 }, 'fr')).toBe('Satisfait : 25 points sur 25.');
  });
});
