import { describe, expect, it } from 'vitest';
import type { DossierImport } from '../../shared/domain/dossier';
import type { CriterionStatus } from '../../shared/domain/evaluation';
import type { SiteTerritory } from '../../shared/domain/territory';
import { propose, scoreEvaluation } from '../../shared/rules/evaluation';
import { gate, scoringLine, testProgramme } from './fixtures/test-programme';

/** Two gates and three lines worth 50 + 30 + 20 points; 50 needed. */
const programme = testProgramme([gate('g1'), gate('g2'), scoringLine('s50', 50), scoringLine('s30', 30), scoringLine('s20', 20)]);

type Statuses = Partial<Record<'g1' | 'g2' | 's50' | 's30' | 's20', CriterionStatus>>;

describe('scoreEvaluation', () => {
  it.each<[string, Statuses, { verdict: string; eligibility: string; points: number; pendingPoints: number }]>([
    ['nothing assessed yet', {}, { verdict: 'provisional', eligibility: 'provisional', points: 0, pendingPoints: 100 }],
    ['one gate not met, whatever the score', { g1: 'not_met', g2: 'met', s50: 'met', s30: 'met', s20: 'met' }, { verdict: 'ineligible', eligibility: 'ineligible', points: 100, pendingPoints: 0 }],
    ['a gate not met outweighs a gate to check', { g1: 'not_met', g2: 'to_check' }, { verdict: 'ineligible', eligibility: 'ineligible', points: 0, pendingPoints: 100 }],
    ['a gate to check keeps even a full score provisional', { g1: 'met', s50: 'met', s30: 'met', s20: 'met' }, { verdict: 'provisional', eligibility: 'provisional', points: 100, pendingPoints: 0 }],
    ['eligible, exactly the minimum', { g1: 'met', g2: 'met', s50: 'met', s30: 'not_met', s20: 'not_met' }, { verdict: 'reaches_minimum', eligibility: 'eligible', points: 50, pendingPoints: 0 }],
    ['eligible, the minimum reached with lines still to check', { g1: 'met', g2: 'met', s50: 'met' }, { verdict: 'reaches_minimum', eligibility: 'eligible', points: 50, pendingPoints: 50 }],
    ['eligible, under the minimum with nothing left to check', { g1: 'met', g2: 'met', s50: 'not_met', s30: 'met', s20: 'not_met' }, { verdict: 'below_minimum', eligibility: 'eligible', points: 30, pendingPoints: 0 }],
    ['eligible, short even if the line to check were met', { g1: 'met', g2: 'met', s50: 'not_met', s30: 'not_met' }, { verdict: 'below_minimum', eligibility: 'eligible', points: 0, pendingPoints: 20 }],
    ['eligible, the line to check would make exactly the minimum', { g1: 'met', g2: 'met', s50: 'not_met', s20: 'met' }, { verdict: 'provisional', eligibility: 'eligible', points: 20, pendingPoints: 30 }],
    ['eligible, everything met', { g1: 'met', g2: 'met', s50: 'met', s30: 'met', s20: 'met' }, { verdict: 'reaches_minimum', eligibility: 'eligible', points: 100, pendingPoints: 0 }],
  ])('%s', (_, statuses, expected) => {
    const score = scoreEvaluation(programme, new Map(Object.entries(statuses)));
    expect({ verdict: score.verdict, eligibility: score.eligibility, points: score.points, pendingPoints: score.pendingPoints }).toEqual(expected);
    expect(score.maxPoints).toBe(100);
    expect(score.minimumScore).toBe(50);
    expect(score.explanation).toMatchObject({ points: expected.points, maxPoints: 100, minimumScore: 50, reachablePoints: expected.points + expected.pendingPoints });
    // A provisional verdict says what keeps it provisional: an eligibility criterion, or points still to check.
    const reason = expected.verdict !== 'provisional' ? expected.verdict : expected.eligibility === 'provisional' ? 'provisional_eligibility' : 'provisional_score';
    expect(score.explanation.reason).toBe(reason);
  });

  it('explains every line: gates earn no points, a met line its weight, the others none', () => {
    const score = scoreEvaluation(programme, new Map<string, CriterionStatus>([['g1', 'not_met'], ['s50', 'met'], ['s30', 'not_met']]));
    expect(score.lines).toEqual([
      { criterionId: 'g1', kind: 'eligibility', status: 'not_met', points: null, maxPoints: null, explanation: { reason: 'gate_not_met' } },
      { criterionId: 'g2', kind: 'eligibility', status: 'to_check', points: null, maxPoints: null, explanation: { reason: 'gate_to_check' } },
      { criterionId: 's50', kind: 'scoring', status: 'met', points: 50, maxPoints: 50, explanation: { reason: 'scoring_met', points: 50, maxPoints: 50 } },
      { criterionId: 's30', kind: 'scoring', status: 'not_met', points: 0, maxPoints: 30, explanation: { reason: 'scoring_not_met', points: 0, maxPoints: 30 } },
      { criterionId: 's20', kind: 'scoring', status: 'to_check', points: 0, maxPoints: 20, explanation: { reason: 'scoring_to_check', points: 0, maxPoints: 20 } },
    ]);
    expect(score.explanation).toMatchObject({ failedGates: 1, gatesToCheck: 1 });
  });

  it('ignores the statuses of criteria the programme no longer has', () => {
    const score = scoreEvaluation(programme, new Map<string, CriterionStatus>([['retired', 'not_met'], ['g1', 'met'], ['g2', 'met']]));
    expect(score.eligibility).toBe('eligible');
    expect(score.lines.map((l) => l.criterionId)).toEqual(['g1', 'g2', 's50', 's30', 's20']);
  });
});

function dossier(change: { nafCode?: string; plannedStart?: string; receivedAt?: string; champs?: Array<[string, string]> } = {}): DossierImport {
  return {
    demandeur: { nafCode: change.nafCode ?? '25.62B', nafLabel: 'Mécanique industrielle' },
    projet: { siteCommuneInsee: '88160', siteCommuneName: 'Épinal', plannedStart: change.plannedStart ?? '2026-09-01' },
    dates: { receivedAt: change.receivedAt ?? '2026-02-10T09:00:00Z' },
    champs: (change.champs ?? []).map(([label, value]) => ({ section: 'Impacts attendus', label, value })),
  } as DossierImport;
}
const epinal: SiteTerritory = { territoryId: 'ti-0088', territoryName: 'Épinal – Vosges', regionCode: '44', regionName: 'Grand Est' };

describe('proposals from the dossier’s data', () => {
  it.each([
    ['manufacturing (section C)', '25.62B', 'met', 'industrial_naf'],
    ['mining (section B), the first industrial division', '05.10Z', 'met', 'industrial_naf'],
    ['waste (section E), the last industrial division', '39.00Z', 'met', 'industrial_naf'],
    ['agriculture, before industry', '01.11Z', 'not_met', 'non_industrial_naf'],
    ['construction, after industry', '41.20A', 'not_met', 'non_industrial_naf'],
    ['retail trade', '47.11F', 'not_met', 'non_industrial_naf'],
  ])('industrial activity: %s', (_, nafCode, status, reason) => {
    expect(propose('industrial_activity', { dossier: dossier({ nafCode }), siteTerritory: epinal })).toMatchObject({ status, reason, nafCode });
  });

  it.each([
    ['a commune of a territory', epinal, { status: 'met', reason: 'commune_in_territory', territory: 'Épinal – Vosges', commune: 'Épinal' }],
    ['a commune in no territory', null, { status: 'not_met', reason: 'commune_outside', insee: '88160' }],
  ])('site in a territory: %s', (_, siteTerritory, expected) => {
    expect(propose('site_in_territory', { dossier: dossier(), siteTerritory })).toMatchObject(expected);
  });

  it.each([
    // Received at 23:30 UTC on 31 January = 1 February in Paris (winter time, UTC+1).
    ['the day before the Paris receipt date', '2026-01-31', '2026-01-31T23:30:00Z', 'not_met', '2026-02-01'],
    ['on the Paris receipt date', '2026-02-01', '2026-01-31T23:30:00Z', 'met', '2026-02-01'],
    // Summer time (UTC+2): 22:30 UTC on 30 June is already 1 July in Paris.
    ['on 30 June for a request that reached Paris on 1 July', '2026-06-30', '2026-06-30T22:30:00Z', 'not_met', '2026-07-01'],
    ['on 1 July for that request', '2026-07-01', '2026-06-30T22:30:00Z', 'met', '2026-07-01'],
    ['on 29 February of a leap year, received on the 28th', '2028-02-29', '2028-02-28T10:00:00Z', 'met', '2028-02-28'],
    ['months after the receipt', '2026-09-01', '2026-02-10T09:00:00Z', 'met', '2026-02-10'],
  ])('works start (art. 5): planned %s', (_, plannedStart, receivedAt, status, receivedOn) => {
    const proposal = propose('works_start', { dossier: dossier({ plannedStart, receivedAt }), siteTerritory: epinal });
    expect(proposal).toMatchObject({ status, reason: status === 'met' ? 'start_after_receipt' : 'start_before_receipt', startOn: plannedStart, receivedOn });
  });

  it.each<[string, Array<[string, string]>, object | null]>([
    ['no jobs field filled in', [], null],
    ['jobs created', [['Emplois créés', '12']], { status: 'met', reason: 'jobs_declared', created: 12, kept: null }],
    ['jobs kept only', [['Emplois créés', '0'], ['Emplois maintenus', '40 ETP']], { status: 'met', reason: 'jobs_declared', created: 0, kept: 40 }],
    ['none created nor kept', [['Emplois créés', '0'], ['Emplois maintenus', '0']], { status: 'not_met', reason: 'no_jobs', created: 0, kept: 0 }],
    ['a value that is no number', [['Emplois créés', 'à préciser']], null],
  ])('jobs: %s', (_, champs, expected) => {
    const proposal = propose('jobs', { dossier: dossier({ champs }), siteTerritory: epinal });
    if (expected === null) expect(proposal).toBeNull();
    else expect(proposal).toEqual(expected);
  });
});
