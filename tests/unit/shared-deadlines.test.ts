import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isValidIsoDate, parisDate } from '../../shared/domain/dates';
import { admissibilityDeadline, currentDeadline, daysLeft, instructionDeadline } from '../../shared/domain/deadlines';

describe('calendar months (same day number, or the last day of a shorter month)', () => {
  it.each([
    ['2025-01-15', 2, '2025-03-15'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2023-12-31', 2, '2024-02-29'], // leap year
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-05-31', 8, '2026-01-31'],
    ['2025-06-30', 8, '2026-02-28'],
    ['2025-11-30', -1, '2025-10-30'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-30', -30, '2025-02-28'],
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it('counts whole calendar days across daylight-saving changes', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2); // clocks go forward on 30 March
    expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2); // and back on 26 October
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
  });

  it.each([
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['2025-13-01', false],
    ['2025-1-01', false],
  ])('isValidIsoDate(%s) is %s', (date, expected) => {
    expect(isValidIsoDate(date)).toBe(expected);
  });
});

describe('Europe/Paris calendar date of an instant', () => {
  it.each([
    ['2025-01-31T23:30:00Z', '2025-02-01'], // winter: UTC+1
    ['2025-07-31T21:59:59Z', '2025-07-31'], // summer: UTC+2
    ['2025-07-31T22:00:00Z', '2025-08-01'],
    ['2025-03-30T00:59:00Z', '2025-03-30'], // the night clocks go forward
    ['2025-10-25T22:30:00Z', '2025-10-26'], // the night clocks go back
    ['2024-02-28T23:00:00Z', '2024-02-29'], // leap day begins at 23:00 UTC
  ])('%s is %s in Paris', (instant, expected) => {
    expect(parisDate(instant)).toBe(expected);
  });
});

describe('deadlines of décret 2018-514', () => {
  it('admissibility: two months from the Paris date of receipt (art. 4)', () => {
    // Filed at 23:30 UTC on 31 December: already 1 January in Paris.
    expect(admissibilityDeadline('2024-12-31T23:30:00Z')).toEqual({
      kind: 'admissibility',
      due: '2025-03-01',
      basis: 'décret n° 2018-514, art. 4',
    });
    expect(admissibilityDeadline('2024-12-31T10:00:00Z').due).toBe('2025-02-28');
    expect(admissibilityDeadline('2023-12-31T10:00:00Z').due).toBe('2024-02-29');
  });

  it('instruction: eight months from the AR, plus recorded extensions (art. 7)', () => {
    expect(instructionDeadline('2025-06-30').due).toBe('2026-02-28');
    expect(instructionDeadline('2025-06-30', [{ newDue: '2026-04-30' }]).due).toBe('2026-04-30');
    expect(instructionDeadline('2025-06-30', [{ newDue: '2026-04-30' }, { newDue: '2026-06-15' }]).due).toBe('2026-06-15');
  });

  it('the current deadline follows the state', () => {
    expect(currentDeadline('en_construction', '2025-01-10T09:00:00Z', null)?.kind).toBe('admissibility');
    expect(currentDeadline('en_instruction', '2025-01-10T09:00:00Z', '2025-01-15')?.due).toBe('2025-09-15');
    expect(currentDeadline('en_instruction', '2025-01-10T09:00:00Z', null)?.kind).toBe('admissibility');
    for (const decided of ['accepte', 'refuse', 'sans_suite'] as const) {
      expect(currentDeadline(decided, '2025-01-10T09:00:00Z', '2025-01-15')).toBeNull();
    }
  });

  it('days left are negative once overdue', () => {
    expect(daysLeft('2025-09-15', '2025-09-10')).toBe(5);
    expect(daysLeft('2025-09-15', '2025-09-20')).toBe(-5);
  });
});
