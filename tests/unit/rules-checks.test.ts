import { describe, expect, it } from 'vitest';
import { CHECK_IDS, DossierCheck } from '../../shared/domain/checks';
import { parisDate } from '../../shared/domain/dates';
import { DossierImport, type Finance, type ProcedureDates } from '../../shared/domain/dossier';
import { computeChecks } from '../../shared/rules/checks';
import { admissibilityDeadlineCheck } from '../../shared/rules/checks/admissibility-deadline';
import { advanceCeilingCheck } from '../../shared/rules/checks/advance-ceiling';
import { aidIntensityCheck, deMinimisPeriodStart, priorAidWithinPeriod } from '../../shared/rules/checks/aid-intensity';
import { instructionDeadlineCheck } from '../../shared/rules/checks/instruction-deadline';
import { publicAidCeilingCheck } from '../../shared/rules/checks/public-aid-ceiling';
import { requiredPiecesCheck } from '../../shared/rules/checks/required-pieces';

const EUR = 100; // cents
const TODAY = '2026-03-01';

function dates(receivedAt: string, arDate: string | null = null, admissibilityNotifiedOn: string | null = null): ProcedureDates {
  return { receivedAt, arDate, admissibilityNotifiedOn };
}

function finance(eligibleEuros: number, requestedCents: number, otherAidCents: number[] = []): Finance {
  return {
    costLines: [{ label: 'Machine', amountCents: eligibleEuros * EUR, eligible: true }],
    eligibleBaseCents: eligibleEuros * EUR,
    financingPlan: [
      ...otherAidCents.map((amountCents) => ({ funder: 'Région', kind: 'aide_publique' as const, amountCents })),
      // Loans and own funds are not public aid.
      { funder: 'Banque', kind: 'emprunt', amountCents: 9_999_999 * EUR },
      { funder: 'Autofinancement', kind: 'fonds_propres', amountCents: 9_999_999 * EUR },
    ],
    amountRequestedCents: requestedCents,
  };
}

describe('required_pieces', () => {
  it.each([
    [['devis', 'extrait_kbis', 'plan_financement', 'autre'], 'ok', { reason: 'present' }],
    [['devis', 'plan_financement'], 'failed', { reason: 'missing', missing: 'extrait_kbis', count: 1 }],
    [['autre', 'dossier_technique'], 'failed', { reason: 'missing', missing: 'devis,extrait_kbis,plan_financement', count: 3 }],
    [[], 'failed', { reason: 'missing', missing: 'devis,extrait_kbis,plan_financement', count: 3 }],
  ] as const)('pieces %j → %s', (kinds, status, params) => {
    expect(requiredPiecesCheck(kinds.map((kind) => ({ kind })))).toEqual({
      id: 'required_pieces',
      status,
      due: null,
      basis: 'décret n° 2018-514, art. 3',
      params,
    });
  });
});

describe('admissibility_deadline: two months from the Paris date of receipt', () => {
  it.each([
    // Received at 23:30 UTC on the last day of a month: already the first of the next in Paris.
    ['2025-12-31T23:30:00Z', '2026-01-01', '2026-03-01'],
    ['2025-12-31T22:59:59Z', '2025-12-31', '2026-02-28'], // 23:59:59 in Paris: month end, no 30 February
    ['2026-01-31T23:30:00Z', '2026-02-01', '2026-04-01'],
    ['2026-04-30T21:59:00Z', '2026-04-30', '2026-06-30'], // summer time: UTC+2
    ['2026-04-30T22:00:00Z', '2026-05-01', '2026-07-01'],
    ['2023-12-31T10:00:00Z', '2023-12-31', '2024-02-29'], // leap year
    ['2024-12-31T10:00:00Z', '2024-12-31', '2025-02-28'],
    ['2023-12-29T23:30:00Z', '2023-12-30', '2024-02-29'],
    ['2026-03-29T00:30:00Z', '2026-03-29', '2026-05-29'], // the night clocks go forward
    ['2025-10-25T22:30:00Z', '2025-10-26', '2025-12-26'], // the night clocks go back
    ['2025-08-31T21:30:00Z', '2025-08-31', '2025-10-31'],
  ])('received %s (Paris %s) → due %s', (receivedAt, receivedOn, due) => {
    const check = admissibilityDeadlineCheck(dates(receivedAt), '2025-01-01');
    expect(check).toMatchObject({ id: 'admissibility_deadline', due, basis: 'décret n° 2018-514, art. 4' });
    expect(check.params.receivedOn).toBe(receivedOn);
  });

  // Received 10 January 2026 → due 10 March 2026; warning from 15 days left, failed the day after.
  it.each([
    ['2026-02-22', 'ok', { reason: 'running', daysLeft: 16, alertDays: null }],
    ['2026-02-23', 'warning', { reason: 'due_soon', daysLeft: 15, alertDays: 15 }],
    ['2026-03-10', 'warning', { reason: 'due_soon', daysLeft: 0, alertDays: 15 }],
    ['2026-03-11', 'failed', { reason: 'deemed_admissible', daysLeft: -1, alertDays: null }],
  ] as const)('on %s it is %s', (today, status, params) => {
    const check = admissibilityDeadlineCheck(dates('2026-01-10T09:00:00Z'), today);
    expect(check).toEqual({
      id: 'admissibility_deadline',
      status,
      due: '2026-03-10',
      basis: 'décret n° 2018-514, art. 4',
      params: { ...params, receivedOn: '2026-01-10' },
    });
  });

  it.each([
    [dates('2026-01-10T09:00:00Z', '2026-01-12', '2026-02-20'), { reason: 'notified', doneOn: '2026-02-20' }],
    [dates('2026-01-10T09:00:00Z', '2026-01-12'), { reason: 'acknowledged', doneOn: '2026-01-12' }],
  ])('is ok once notified or acknowledged, even past the due date', (procedure, params) => {
    expect(admissibilityDeadlineCheck(procedure, '2026-06-01')).toMatchObject({ status: 'ok', due: '2026-03-10', params });
  });
});

describe('instruction_deadline: eight months from the AR plus extensions', () => {
  it.each([
    ['2025-06-30', [], '2026-02-28', 'running'],
    ['2023-06-30', [], '2024-02-29', 'running'], // leap year
    ['2023-06-29', [], '2024-02-29', 'running'],
    ['2025-05-31', [], '2026-01-31', 'running'],
    // The last extension recorded sets the date, month end or not.
    ['2025-06-30', [{ newDue: '2026-04-30' }], '2026-04-30', 'running_extended'],
    ['2023-06-30', [{ newDue: '2024-03-31' }, { newDue: '2024-05-31' }], '2024-05-31', 'running_extended'],
  ])('AR %s, extensions %j → due %s', (arDate, extensions, due, reason) => {
    const check = instructionDeadlineCheck('en_instruction', dates('2023-06-20T09:00:00Z', arDate), arDate, extensions);
    expect(check).toMatchObject({ id: 'instruction_deadline', status: 'ok', due, basis: 'décret n° 2018-514, art. 7' });
    expect(check.params).toMatchObject({ reason, arOn: arDate, months: 8, extensions: extensions.length, dueOn: due });
  });

  // AR 15 July 2025, extended to 31 May 2026 (after the clocks go forward on 29 March).
  it.each([
    ['2026-03-15', 'ok', 'running_extended', 77, null], // the original due date is no longer one
    ['2026-05-01', 'warning', 'due_soon_extended', 30, 30],
    ['2026-05-24', 'warning', 'due_soon_extended', 7, 7],
    ['2026-05-31', 'warning', 'due_soon_extended', 0, 7],
  ] as const)('extended: on %s it is %s (%s, %i days left)', (today, status, reason, daysLeft, alertDays) => {
    const check = instructionDeadlineCheck('en_instruction', dates('2025-07-01T09:00:00Z', '2025-07-15'), today, [{ newDue: '2026-05-31' }]);
    expect(check).toMatchObject({ status, due: '2026-05-31', params: { reason, daysLeft, alertDays } });
  });

  it('names the implicit rejection of an extended delay, and its decided sentence', () => {
    const extended = [{ newDue: '2026-05-31' }];
    expect(instructionDeadlineCheck('en_instruction', dates('2025-07-01T09:00:00Z', '2025-07-15'), '2026-06-01', extended)).toMatchObject({
      status: 'failed',
      params: { reason: 'implicit_rejection_extended', rejectedOn: '2026-05-31', daysLeft: -1 },
    });
    expect(instructionDeadlineCheck('accepte', dates('2025-07-01T09:00:00Z', '2025-07-15'), '2026-06-01', extended)).toMatchObject({
      status: 'ok',
      params: { reason: 'decided_extended' },
    });
  });

  // AR 15 July 2025 → due 15 March 2026; warnings at 30, 15 and 7 days; implicit rejection after.
  it.each([
    ['2026-02-12', 'ok', 'running', 31, null],
    ['2026-02-13', 'warning', 'due_soon', 30, 30],
    ['2026-02-27', 'warning', 'due_soon', 16, 30],
    ['2026-02-28', 'warning', 'due_soon', 15, 15],
    ['2026-03-07', 'warning', 'due_soon', 8, 15],
    ['2026-03-08', 'warning', 'due_soon', 7, 7],
    ['2026-03-15', 'warning', 'due_soon', 0, 7],
  ] as const)('on %s it is %s (%s, %i days left, alert %s)', (today, status, reason, daysLeft, alertDays) => {
    expect(instructionDeadlineCheck('en_instruction', dates('2025-07-01T09:00:00Z', '2025-07-15'), today)).toEqual({
      id: 'instruction_deadline',
      status,
      due: '2026-03-15',
      basis: 'décret n° 2018-514, art. 7',
      params: { reason, arOn: '2025-07-15', months: 8, extensions: 0, dueOn: '2026-03-15', daysLeft, alertDays },
    });
  });

  it('names the date of implicit rejection once the delay has passed', () => {
    expect(instructionDeadlineCheck('en_instruction', dates('2025-07-01T09:00:00Z', '2025-07-15'), '2026-03-16')).toMatchObject({
      status: 'failed',
      due: '2026-03-15',
      params: { reason: 'implicit_rejection', daysLeft: -1, rejectedOn: '2026-03-15' },
    });
  });

  it.each([
    // Due 5 April 2026, after the clocks go forward on 29 March: still whole calendar days.
    ['2026-03-05T10:00:00Z', 'ok', 31],
    ['2026-03-05T23:30:00Z', 'warning', 30], // already 6 March in Paris
    ['2026-04-04T21:59:00Z', 'warning', 1], // 23:59 in Paris, summer time
    ['2026-04-05T22:00:00Z', 'failed', -1], // midnight in Paris: 6 April
  ] as const)('counted from the Paris date of the clock %s: %s, %i days left', (now, status, daysLeft) => {
    const check = instructionDeadlineCheck('en_instruction', dates('2025-07-20T09:00:00Z', '2025-08-05'), parisDate(now));
    expect(check).toMatchObject({ status, due: '2026-04-05', params: { daysLeft } });
  });

  it.each(['accepte', 'refuse', 'sans_suite'] as const)('is ok once the dossier is decided (%s)', (state) => {
    expect(instructionDeadlineCheck(state, dates('2025-07-01T09:00:00Z', '2025-07-15'), '2026-09-01')).toMatchObject({
      status: 'ok',
      due: '2026-03-15',
      params: { reason: 'decided' },
    });
  });

  it('is to check, without a due date, until the AR is sent', () => {
    expect(instructionDeadlineCheck('en_construction', dates('2026-01-10T09:00:00Z'), '2026-01-20')).toEqual({
      id: 'instruction_deadline',
      status: 'to_check',
      due: null,
      basis: 'décret n° 2018-514, art. 7',
      params: { reason: 'no_ar' },
    });
  });
});

describe('public_aid_ceiling: other public aid + the amount requested ≤ eligible expenditure', () => {
  it.each([
    [[], 100_000 * EUR, 'ok', 'within', 100_000 * EUR, 0],
    [[400_000 * EUR], 100_000 * EUR, 'ok', 'within', 500_000 * EUR, 0], // exactly the eligible base
    [[400_000 * EUR + 1], 100_000 * EUR, 'failed', 'above', 500_000 * EUR + 1, 1],
    [[200_000 * EUR, 250_000 * EUR], 100_000 * EUR, 'failed', 'above', 550_000 * EUR, 50_000 * EUR],
  ])('other aid %j + %i → %s', (otherAid, requested, status, reason, totalCents, excessCents) => {
    expect(publicAidCeilingCheck(finance(500_000, requested, otherAid))).toEqual({
      id: 'public_aid_ceiling',
      status,
      due: null,
      basis: 'décret n° 2018-514, art. 10',
      params: {
        reason,
        totalCents,
        otherAidCents: otherAid.reduce((a, b) => a + b, 0),
        requestedCents: requested,
        eligibleCents: 500_000 * EUR,
        excessCents,
      },
    });
  });
});

describe('aid_intensity: the amount requested against the ceiling of the regime', () => {
  it('is to check until a regime is chosen, citing every regime', () => {
    expect(aidIntensityCheck('petite', finance(1_000_000, 100_000 * EUR), null, TODAY)).toEqual({
      id: 'aid_intensity',
      status: 'to_check',
      due: null,
      basis: 'règlement (UE) 2023/2831, art. 3 ; décret n° 2022-968 ; règlement (UE) n° 651/2014 (RGEC), art. 17',
      params: { reason: 'no_regime' },
    });
  });

  const aid = (amountCents: number, grantedOn: string) => ({ grantor: 'Région', amountCents, grantedOn });
  it.each([
    [null, 100_000 * EUR, 'to_check', { reason: 'no_prior_aid' }],
    [[], 300_000 * EUR, 'ok', { reason: 'de_minimis_within', priorCents: 0, excessCents: 0 }],
    [[aid(150_000 * EUR, '2025-01-10'), aid(50_000 * EUR, '2026-02-01')], 100_000 * EUR, 'ok', { reason: 'de_minimis_within', priorCents: 200_000 * EUR, cumulatedCents: 300_000 * EUR, excessCents: 0 }],
    [[aid(200_000 * EUR + 1, '2025-01-10')], 100_000 * EUR, 'failed', { reason: 'de_minimis_above', cumulatedCents: 300_000 * EUR + 1, excessCents: 1 }],
    [[], 300_000 * EUR + 1, 'failed', { reason: 'de_minimis_above', excessCents: 1 }],
  ] as const)('de minimis: prior aid %j + requested %i → %s', (priorAids, requested, status, params) => {
    const regime = { kind: 'de_minimis', priorAids: priorAids && [...priorAids] } as const;
    const check = aidIntensityCheck('grande', finance(5_000_000, requested), regime, TODAY);
    expect(check).toMatchObject({ status, basis: 'règlement (UE) 2023/2831, art. 3', params: { ...params, ceilingCents: 300_000 * EUR } });
  });

  // Three rolling years that end on the day of the check; leap days at both ends.
  it.each([
    ['2027-02-28', '2024-02-29', ['2024-02-28'], ['2024-02-29', '2027-02-28']],
    ['2028-02-29', '2025-03-01', ['2025-02-28'], ['2025-03-01', '2028-02-29']],
    ['2026-03-31', '2023-04-01', ['2023-03-31'], ['2023-04-01']],
    ['2026-01-01', '2023-01-02', ['2023-01-01', '2026-01-02'], ['2023-01-02', '2025-12-31']], // an aid dated after today is not counted
  ])('de minimis period ending %s starts %s', (today, start, excluded, counted) => {
    expect(deMinimisPeriodStart(today)).toBe(start);
    const priorAids = [...excluded, ...counted].map((grantedOn) => aid(1_000 * EUR, grantedOn));
    expect(priorAidWithinPeriod(priorAids, today)).toBe(counted.length * 1_000 * EUR);
    const check = aidIntensityCheck('petite', finance(1_000_000, 1), { kind: 'de_minimis', priorAids }, today);
    expect(check.params).toMatchObject({ priorCents: counted.length * 1_000 * EUR, periodStartOn: start });
  });

  // Eligible base 1,000,000 €: each maximum exactly, then one cent more.
  it.each([
    ['c', 'petite', 350_000 * EUR, 'ok', 35, 35],
    ['c', 'petite', 350_000 * EUR + 1, 'failed', 35.01, 35],
    ['c', 'moyenne', 250_000 * EUR, 'ok', 25, 25],
    ['c', 'moyenne', 250_000 * EUR + 1, 'failed', 25.01, 25],
    ['c', 'grande', 150_000 * EUR, 'ok', 15, 15],
    ['c', 'grande', 150_000 * EUR + 1, 'failed', 15.01, 15],
    ['a', 'petite', 700_000 * EUR, 'ok', 70, 70],
    ['a', 'moyenne', 600_000 * EUR + 1, 'failed', 60.01, 60],
    ['a', 'grande', 500_000 * EUR, 'ok', 50, 50],
    ['a', 'grande', 500_000 * EUR + 1, 'failed', 50.01, 50],
  ] as const)('regional aid in zone %s, %s enterprise, %i requested → %s (%f %% of max %i %%)', (zone, size, requested, status, rate, maxPercent) => {
    const check = aidIntensityCheck(size, finance(1_000_000, requested), { kind: 'regional', zone }, TODAY);
    expect(check).toMatchObject({ status, basis: 'décret n° 2022-968' });
    expect(check.params).toMatchObject({
      reason: status === 'ok' ? 'rate_within' : 'rate_above',
      ratePercent: rate,
      maxPercent,
      maxAidCents: maxPercent * 10_000 * EUR,
      size,
      regime: `regional_${zone}`,
    });
  });

  it.each(['petite', 'moyenne', 'grande'] as const)('fails regional aid outside the a and c areas (%s enterprise)', (size) => {
    expect(aidIntensityCheck(size, finance(1_000_000, 1), { kind: 'regional', zone: 'non_zoned' }, TODAY)).toEqual({
      id: 'aid_intensity',
      status: 'failed',
      due: null,
      basis: 'décret n° 2022-968',
      params: { reason: 'zone_excluded' },
    });
  });

  it.each([
    ['petite', 200_000 * EUR, 'ok', 20, 20],
    ['petite', 200_000 * EUR + 1, 'failed', 20.01, 20],
    ['moyenne', 100_000 * EUR, 'ok', 10, 10],
    ['moyenne', 123_456 * EUR, 'failed', 12.35, 10],
    ['petite', 123_456 * EUR, 'ok', 12.34, 20],
  ] as const)('GBER art. 17, %s enterprise, %i requested → %s (%f %% of max %i %%)', (size, requested, status, rate, maxPercent) => {
    const check = aidIntensityCheck(size, finance(1_000_000, requested), { kind: 'gber_art17' }, TODAY);
    expect(check).toMatchObject({ status, basis: 'règlement (UE) n° 651/2014 (RGEC), art. 17' });
    expect(check.params).toMatchObject({ ratePercent: rate, maxPercent, regime: 'gber_art17', size });
  });

  it('fails a large undertaking under GBER art. 17, which is SME aid', () => {
    expect(aidIntensityCheck('grande', finance(1_000_000, 1), { kind: 'gber_art17' }, TODAY)).toMatchObject({
      status: 'failed',
      params: { reason: 'size_excluded', size: 'grande' },
    });
  });

  it('is to check when the eligible base is zero', () => {
    expect(aidIntensityCheck('petite', finance(0, 1), { kind: 'regional', zone: 'c' }, TODAY)).toMatchObject({
      status: 'to_check',
      params: { reason: 'no_eligible_base' },
    });
  });
});

describe('advance_ceiling: 30 % of the aid, 60 % with a bank guarantee', () => {
  it.each([
    [30_000 * EUR, false, 'ok', 30, 30],
    [30_000 * EUR + 1, false, 'failed', 30.01, 30],
    [60_000 * EUR, true, 'ok', 60, 60],
    [60_000 * EUR + 1, true, 'failed', 60.01, 60],
    [45_000 * EUR, true, 'ok', 45, 60],
  ] as const)('advance %i, guarantee %s → %s', (amountCents, bankGuarantee, status, advancePercent, maxPercent) => {
    expect(advanceCeilingCheck(100_000 * EUR, { amountCents, bankGuarantee })).toEqual({
      id: 'advance_ceiling',
      status,
      due: null,
      basis: 'décret n° 2018-514, art. 12',
      params: {
        reason: status === 'ok' ? 'within' : 'above',
        advanceCents: amountCents,
        requestedCents: 100_000 * EUR,
        advancePercent,
        maxPercent,
        maxAdvanceCents: maxPercent * 1_000 * EUR,
      },
    });
  });

  it('is to check when no advance is recorded, or no aid requested', () => {
    expect(advanceCeilingCheck(100_000 * EUR, undefined)).toMatchObject({ status: 'to_check', params: { reason: 'no_advance' } });
    expect(advanceCeilingCheck(0, { amountCents: 1, bankGuarantee: true })).toMatchObject({
      status: 'to_check',
      params: { reason: 'no_aid', advanceCents: 1 },
    });
  });
});

describe('computeChecks', () => {
  const dossier = DossierImport.parse({
    id: '0190a3c4-0000-7000-8000-000000000001',
    number: 42,
    state: 'en_instruction',
    demandeur: {
      siret: '73282932000074',
      siren: '732829320',
      raisonSociale: 'Fonderie de l’Est',
      nafCode: '24.51Z',
      nafLabel: 'Fonderie de fonte',
      size: 'moyenne',
      address: { line: '1 rue du Haut-Fourneau', postalCode: '88000', communeInsee: '88160', communeName: 'Épinal' },
    },
    projet: {
      title: 'Four électrique',
      summary: '',
      volet: 1,
      valueChain: 'Métallurgie',
      siteCommuneInsee: '88160',
      siteCommuneName: 'Épinal',
      territoryId: 'ti-0088',
      territoryName: 'Épinal – Vosges',
      regionCode: '44',
      regionName: 'Grand Est',
      plannedStart: '2026-09-01',
      plannedEnd: '2027-06-30',
    },
    finance: finance(1_000_000, 200_000 * EUR, [50_000 * EUR]),
    champs: [],
    pieces: [],
    dates: dates('2025-12-31T23:30:00Z', '2026-01-05'),
    assignedInstructor: null,
    labels: [],
    updatedAt: '2026-01-05T10:00:00.000Z',
  });

  it('returns every check, valid, in the stable order', () => {
    const checks = computeChecks(dossier, '2026-03-01');
    expect(checks.map((check) => check.id)).toEqual([...CHECK_IDS]);
    for (const check of checks) expect(DossierCheck.parse(check)).toEqual(check);
    expect(checks.map((check) => check.status)).toEqual(['failed', 'ok', 'ok', 'ok', 'to_check', 'to_check']);
    expect(checks.map((check) => check.due)).toEqual([null, '2026-03-01', '2026-09-05', null, null, null]);
  });

  it('passes the optional inputs to the checks that need them', () => {
    const checks = computeChecks(dossier, '2026-09-01', {
      regime: { kind: 'regional', zone: 'c' },
      advance: { amountCents: 70_000 * EUR, bankGuarantee: false },
      extensions: [{ id: '0190a3c4-0000-7000-8000-00000000000e', decidedOn: '2026-08-01', newDue: '2026-11-05', reason: 'expertise' }],
    });
    expect(checks.map((check) => [check.id, check.status, check.due])).toEqual([
      ['required_pieces', 'failed', null],
      ['admissibility_deadline', 'ok', '2026-03-01'],
      ['instruction_deadline', 'ok', '2026-11-05'],
      ['public_aid_ceiling', 'ok', null],
      ['aid_intensity', 'ok', null],
      ['advance_ceiling', 'failed', null],
    ]);
  });
});
