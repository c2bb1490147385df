/** What makes an extension or a declared aid impossible, before anything is written (décret 2018-514 art. 7). */
import { describe, expect, it } from 'vitest';
import { extensionProblems, priorAidProblems } from '../../shared/rules/checks/instruction-facts';

// AR 30 June 2025: the decision is due 28 February 2026 (no 30 February).
const AR = '2025-06-30';

describe('extension problems', () => {
  it.each([
    ['decided on the due day, to a later date', { decidedOn: '2026-02-28', newDue: '2026-03-01' }, [], '2026-03-10', []],
    ['decided the day after the due date', { decidedOn: '2026-03-01', newDue: '2026-06-30' }, [], '2026-03-10', [['decidedOn', 'extension_after_due']]],
    ['decided on the AR day', { decidedOn: AR, newDue: '2026-06-30' }, [], '2026-03-10', []],
    ['decided before the AR', { decidedOn: '2025-06-29', newDue: '2026-06-30' }, [], '2026-03-10', [['decidedOn', 'extension_before_ar']]],
    ['decided tomorrow', { decidedOn: '2026-02-11', newDue: '2026-06-30' }, [], '2026-02-10', [['decidedOn', 'date_in_future']]],
    ['to the same due date', { decidedOn: '2026-02-01', newDue: '2026-02-28' }, [], '2026-03-10', [['newDue', 'extension_not_later']]],
    ['after an earlier one, checked against its date', { decidedOn: '2026-04-30', newDue: '2026-05-31' }, [{ newDue: '2026-04-30' }], '2026-05-01', []],
    ['after an earlier one, too late', { decidedOn: '2026-05-01', newDue: '2026-05-31' }, [{ newDue: '2026-04-30' }], '2026-05-01', [['decidedOn', 'extension_after_due']]],
    ['both dates wrong', { decidedOn: '2026-03-05', newDue: '2026-02-01' }, [], '2026-03-10', [['decidedOn', 'extension_after_due'], ['newDue', 'extension_not_later']]],
  ])('%s', (_what, extension, earlier, today, expected) => {
    expect(extensionProblems(extension, { state: 'en_instruction', arDate: AR }, earlier, today).map((problem) => [problem.path, problem.code])).toEqual(expected);
  });

  it('refuses any extension before the AR, naming the eight months', () => {
    expect(extensionProblems({ decidedOn: '2026-01-01', newDue: '2026-12-01' }, { state: 'en_construction', arDate: null }, [], '2026-02-01')).toEqual([
      { path: 'decidedOn', code: 'extension_without_ar', params: { months: 8 } },
    ]);
  });

  it.each(['accepte', 'refuse', 'sans_suite'] as const)('refuses any extension once the dossier is decided (%s)', (state) => {
    expect(extensionProblems({ decidedOn: '2026-01-01', newDue: '2026-12-01' }, { state, arDate: AR }, [], '2026-02-01')).toEqual([
      { path: 'decidedOn', code: 'extension_decided', params: { state } },
    ]);
  });
});

describe('declared de minimis aid', () => {
  it('refuses an aid granted after today, naming its line', () => {
    const aid = (grantedOn: string) => ({ grantor: 'Région', amountCents: 1, grantedOn });
    expect(priorAidProblems([aid('2026-03-01'), aid('2026-03-02')], '2026-03-01')).toEqual([
      { path: 'priorAids.1.grantedOn', code: 'date_in_future', params: { today: '2026-03-01' } },
    ]);
  });
});
