/** What keeps an act from being proposed (CRPA L211-5, décret 2018-514 art. 8, 10, 12), and its sentence in both languages. */
import { describe, expect, it } from 'vitest';
import type { DecisionContent, DecisionContentOf } from '../../shared/domain/decision';
import type { CompanySize } from '../../shared/domain/dossier';
import type { AidRegime } from '../../shared/domain/instruction';
import { createTranslator } from '../../shared/i18n/translator';
import { DECISION_PROBLEM_CODES, proposalProblems, type DecisionProblem, type ProposalDossier } from '../../shared/rules/decisions';
import { problemSentence } from '../../shared/rules/decisions/sentence';

const common = {
  dossier: { number: 42, company: 'Forges de l’Est', siret: '73282932000074', address: ['1 rue de l’Usine', '67000 Strasbourg'], projectTitle: 'Ligne de découpe', regionCode: '44' },
  reference: 'TI-2026-0042',
  date: '2026-03-15',
  authority: ['PRÉFET DE LA RÉGION GRAND EST'],
  signatory: { firstName: 'Claire', lastName: 'Martin', title: 'Secrétaire générale pour les affaires régionales', delegation: null },
  remarks: '',
};

// 1 000 000 € eligible, 25 % = 250 000 € granted, 300 000 € requested.
const attribution: DecisionContentOf<'attribution'> = {
  type: 'attribution',
  ...common,
  eligibleExpenditureCents: 100_000_000,
  rateBasisPoints: 2_500,
  amountCents: 25_000_000,
  stateAidBasis: 'décret n° 2022-968',
  extraVisas: [],
  worksStartOn: '2026-04-01',
  completionOn: '2027-12-31',
  payment: { advanceCents: 0, bankGuarantee: false, instalments: 'Sur justificatifs.', balance: 'À l’achèvement.' },
  repayment: 'En cas de non-réalisation.',
};

function dossier(size: CompanySize = 'moyenne', otherAidCents = 0): ProposalDossier {
  return {
    demandeur: { size } as ProposalDossier['demandeur'],
    finance: {
      costLines: [],
      eligibleBaseCents: 100_000_000,
      financingPlan: otherAidCents ? [{ funder: 'Région', kind: 'aide_publique', amountCents: otherAidCents }] : [],
      amountRequestedCents: 30_000_000,
    },
  };
}

const zoneC: AidRegime = { kind: 'regional', zone: 'c' };
const facts = (regime: AidRegime | null = zoneC) => ({ regime });
const codes = (problems: DecisionProblem[]) => problems.map((problem) => [problem.path, problem.code]);

describe('proposal problems', () => {
  it.each<[string, DecisionContent, ProposalDossier, AidRegime | null, string[][]]>([
    ['an acknowledgement of receipt', { type: 'accuse-reception', ...common, receivedOn: '2026-03-01', admissibilityDue: '2026-05-01', instructionMonths: 8 }, dossier(), null, []],
    ['a refusal with both reasons', { type: 'refus', ...common, reasonsOfLaw: 'Art. 5.', reasonsOfFact: 'Travaux commencés.' }, dossier(), null, []],
    ['a refusal with no reasons', { type: 'refus', ...common, reasonsOfLaw: '  ', reasonsOfFact: '' }, dossier(), null, [['reasonsOfLaw', 'refusal_no_reasons_of_law'], ['reasonsOfFact', 'refusal_no_reasons_of_fact']]],
    ['a refusal with reasons of law only', { type: 'refus', ...common, reasonsOfLaw: 'Art. 5.', reasonsOfFact: '' }, dossier(), null, [['reasonsOfFact', 'refusal_no_reasons_of_fact']]],
    ['a closure with no reason', { type: 'sans-suite', ...common, reason: ' ' }, dossier(), null, [['reason', 'sans_suite_no_reason']]],
    ['a closure with its reason', { type: 'sans-suite', ...common, reason: 'Désistement.' }, dossier(), null, []],
    ['a request for no piece', { type: 'demande-pieces', ...common, missingPieces: [], answerBy: '2026-04-15' }, dossier(), null, [['missingPieces', 'pieces_none']]],
    ['a request answered on the act’s day', { type: 'demande-pieces', ...common, missingPieces: ['Kbis'], answerBy: '2026-03-15' }, dossier(), null, [['answerBy', 'pieces_answer_not_after_act']]],
    ['a request answered the day after', { type: 'demande-pieces', ...common, missingPieces: ['Kbis'], answerBy: '2026-03-16' }, dossier(), null, []],
    ['a lawful attribution', attribution, dossier(), zoneC, []],
    ['an attribution of nothing', { ...attribution, amountCents: 0, rateBasisPoints: 1 }, dossier(), zoneC, [['amountCents', 'amount_missing'], ['rateBasisPoints', 'amount_not_rate_times_base']]],
    ['an attribution above the request', { ...attribution, eligibleExpenditureCents: 200_000_000, amountCents: 30_000_100, rateBasisPoints: 1_500 }, dossier(), zoneC, [['amountCents', 'amount_above_request'], ['rateBasisPoints', 'amount_not_rate_times_base']]],
    ['an attribution above the zone c ceiling of a medium company', { ...attribution, rateBasisPoints: 2_600, amountCents: 26_000_000 }, dossier(), zoneC, [['amountCents', 'amount_above_ceiling']]],
    ['an attribution at the zone c ceiling of a small company', { ...attribution, rateBasisPoints: 3_500, amountCents: 35_000_000 }, { ...dossier('petite'), finance: { ...dossier().finance, amountRequestedCents: 35_000_000 } }, zoneC, []],
    ['an attribution to a large company under GBER art. 17', attribution, dossier('grande'), { kind: 'gber_art17' }, [['amountCents', 'amount_above_ceiling']]],
    ['an attribution with no regime chosen', attribution, dossier(), null, [['amountCents', 'ceiling_unknown']]],
    ['a de minimis attribution above 300 000 € with earlier aid', attribution, dossier(), { kind: 'de_minimis', priorAids: [{ grantor: 'Région', amountCents: 6_000_000, grantedOn: '2025-01-10' }] }, [['amountCents', 'amount_above_ceiling']]],
    ['a de minimis attribution with no declaration', attribution, dossier(), { kind: 'de_minimis', priorAids: null }, [['amountCents', 'ceiling_unknown']]],
    ['an amount one cent off the rate', { ...attribution, amountCents: 24_999_999 }, dossier(), zoneC, [['rateBasisPoints', 'amount_not_rate_times_base']]],
    ['an amount rounded from the rate', { ...attribution, eligibleExpenditureCents: 33_333_333, amountCents: 8_333_333 }, dossier(), zoneC, []],
    ['an attribution beyond the expenditure with the other aid (art. 10)', attribution, dossier('moyenne', 80_000_000), zoneC, [['amountCents', 'public_aid_above_expenditure']]],
    ['an advance of 30 %', { ...attribution, payment: { ...attribution.payment, advanceCents: 7_500_000 } }, dossier(), zoneC, []],
    ['an advance above 30 %', { ...attribution, payment: { ...attribution.payment, advanceCents: 7_500_001 } }, dossier(), zoneC, [['payment.advanceCents', 'advance_above_ceiling']]],
    ['an advance of 60 % with a bank guarantee', { ...attribution, payment: { ...attribution.payment, advanceCents: 15_000_000, bankGuarantee: true } }, dossier(), zoneC, []],
    ['an advance above 60 % with a bank guarantee', { ...attribution, payment: { ...attribution.payment, advanceCents: 15_000_001, bankGuarantee: true } }, dossier(), zoneC, [['payment.advanceCents', 'advance_above_ceiling']]],
    ['a completion before the start of works', { ...attribution, completionOn: '2026-03-31' }, dossier(), zoneC, [['completionOn', 'completion_not_after_start']]],
    ['a completion on the day works start', { ...attribution, completionOn: '2026-04-01' }, dossier(), zoneC, [['completionOn', 'completion_not_after_start']]],
  ])('%s', (_what, content, file, regime, expected) => {
    expect(codes(proposalProblems(content, file, facts(regime)))).toEqual(expected);
  });

  it('gives the amounts of a ceiling passed: the regime, the rate and the maximum aid', () => {
    const [problem] = proposalProblems({ ...attribution, rateBasisPoints: 2_600, amountCents: 26_000_000 }, dossier(), facts());
    expect(problem!.params).toMatchObject({ reason: 'rate_above', regime: 'regional_c', maxPercent: 25, maxAidCents: 25_000_000, ratePercent: 26 });
  });

  it('dates the de minimis period from the act: an aid older than three years no longer counts', () => {
    const old: AidRegime = { kind: 'de_minimis', priorAids: [{ grantor: 'Région', amountCents: 6_000_000, grantedOn: '2023-03-15' }] };
    expect(proposalProblems(attribution, dossier(), facts(old))).toEqual([]);
    expect(codes(proposalProblems({ ...attribution, date: '2026-03-14' }, dossier(), facts(old)))).toEqual([['amountCents', 'amount_above_ceiling']]);
  });
});

describe('problem sentences', () => {
  // One problem of each code and reason, as the rules give them.
  const every = [
    ...proposalProblems({ type: 'refus', ...common, reasonsOfLaw: '', reasonsOfFact: '' }, dossier(), facts()),
    ...proposalProblems({ type: 'sans-suite', ...common, reason: '' }, dossier(), facts()),
    ...proposalProblems({ type: 'demande-pieces', ...common, missingPieces: [], answerBy: '2026-03-01' }, dossier(), facts()),
    ...proposalProblems({ ...attribution, amountCents: 0, rateBasisPoints: 1 }, dossier(), facts()),
    ...proposalProblems({ ...attribution, amountCents: 40_000_000, rateBasisPoints: 4_000, completionOn: '2026-01-01', payment: { ...attribution.payment, advanceCents: 20_000_000 } }, dossier('moyenne', 70_000_000), facts()),
    ...proposalProblems(attribution, dossier('grande'), facts({ kind: 'gber_art17' })),
    ...proposalProblems(attribution, dossier(), facts({ kind: 'regional', zone: 'non_zoned' })),
    ...proposalProblems(attribution, dossier(), facts({ kind: 'de_minimis', priorAids: [{ grantor: 'Région', amountCents: 10_000_000, grantedOn: '2025-01-01' }] })),
    ...proposalProblems(attribution, dossier(), facts({ kind: 'de_minimis', priorAids: null })),
    ...proposalProblems({ ...attribution, eligibleExpenditureCents: 0 }, dossier(), facts()),
    ...proposalProblems(attribution, dossier(), facts(null)),
    // Core adds it: only the case file knows the numbers in use.
    { path: 'reference', code: 'reference_taken', params: { reference: 'TI-2026-0042' } } satisfies DecisionProblem,
  ];

  it('cover every code', () => {
    expect(new Set(every.map((problem) => problem.code))).toEqual(new Set(DECISION_PROBLEM_CODES));
  });

  it.each(['fr', 'en'] as const)('are whole sentences in %s, amounts and dates formatted', (language) => {
    const { t } = createTranslator(language);
    for (const problem of every) {
      const sentence = problemSentence(t, problem, language);
      expect(sentence, `${problem.code} ${String(problem.params.reason)}`).not.toMatch(/decisions\.problems|\{\{|Cents|undefined/);
    }
  });

  it('say an amount above the ceiling with the regime and the amounts in French', () => {
    const { t } = createTranslator('fr');
    const [problem] = proposalProblems({ ...attribution, rateBasisPoints: 2_600, amountCents: 26_000_000 }, dossier(), facts());
    // Intl separates thousands and units with (narrow) no-break spaces.
    expect(problemSentence(t, problem!, 'fr').replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Aide à finalité régionale (zone c) : 26 % de la dépense éligible, au-delà de la limite de 25 % (moyenne entreprise : 250 000 € au plus).',
    );
  });
});
