import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseFileKey, CASE_FILE_KEY_BYTES } from '../../electron/core/db/cipher';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { dispatch } from '../../electron/core/dispatch';
import { importDossiers, writeDossier } from '../../electron/core/dossiers/import';
import { CHECK_IDS, CHECK_STATUSES } from '../../shared/domain/checks';
import type { DossierImport } from '../../shared/domain/dossier';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

const ME = { email: 'camille.instructrice@example.gouv.fr', name: 'Camille Instructrice' };
const OTHER = { email: 'dominique.agent@example.gouv.fr', name: 'Dominique Agent' };

/**
 * Deadlines that fall on month ends, a leap day and both sides of the daylight saving change:
 * received 31 Dec → admissibility due 29 Feb 2028 (leap year); AR 30 Jun → decision due 28 Feb 2027.
 */
const DOSSIERS: DossierImport[] = [
  { ...makeDossier({ number: 1, receivedAt: '2027-12-31T10:00:00Z' }), assignedInstructor: ME },
  { ...makeDossier({ number: 2, receivedAt: '2027-12-31T23:30:00Z' }), assignedInstructor: ME }, // 1 Jan in Paris
  { ...makeDossier({ number: 3, state: 'en_instruction', receivedAt: '2026-06-01T08:00:00Z', arDate: '2026-06-30' }), assignedInstructor: ME },
  { ...makeDossier({ number: 4, state: 'en_instruction', receivedAt: '2026-07-20T08:00:00Z', arDate: '2026-07-31' }), assignedInstructor: OTHER },
  { ...makeDossier({ number: 5, state: 'accepte', receivedAt: '2026-01-05T08:00:00Z', arDate: '2026-01-10' }), assignedInstructor: ME },
  { ...makeDossier({ number: 6, receivedAt: '2028-01-29T08:00:00Z', admissibilityNotifiedOn: '2028-02-10' }), assignedInstructor: null },
];

let t: TestContext;
beforeAll(() => {
  t = createTestContext('2028-01-10T10:00:00.000Z');
  importDossiers(t.ctx, DOSSIERS);
});
afterAll(() => t.dispose());

const byNumber = { sort: { column: 'number', direction: 'asc' } } as const;

describe('the list shows each legal check as the dossier page computes it, on any day', () => {
  // Around each due date and each warning's first day (Paris time, across DST and a leap day).
  const instants = [
    '2027-02-12T22:59:00Z', // 12 Feb 23:59 in Paris: the day before instruction alert (30 days before 14 Mar)
    '2027-02-28T10:00:00Z', // decision due for dossier 3
    '2027-03-01T00:30:00Z', // 1 March in Paris: dossier 3 overdue
    '2027-03-27T23:30:00Z', // 28 March in Paris, the night clocks go forward
    '2028-01-10T10:00:00Z',
    '2028-02-14T10:00:00Z', // 15 days before 29 Feb: admissibility warning starts
    '2028-02-29T12:00:00Z', // the leap day itself: due today
    '2028-03-01T12:00:00Z', // overdue, for dossier 2 due 1 March: due today
    '2028-03-02T12:00:00Z',
  ];
  it.each(instants)('on %s', async (instant) => {
    t.setNow(instant);
    const page = await t.call('dossiers.list', { ...byNumber });
    for (const row of page.rows) {
      const detail = await t.call('dossiers.get', { id: row.id });
      expect(row.checks, `dossier ${row.number}`).toEqual(Object.fromEntries(detail.checks.map((check) => [check.id, check.status])));
    }
  });

  it.each(CHECK_STATUSES.flatMap((status) => [null, ...CHECK_IDS].map((id) => ({ status, id }))))(
    'filters on $id $status exactly as the rows show it',
    async ({ status, id }) => {
      t.setNow('2028-02-20T10:00:00Z');
      const all = await t.call('dossiers.list', { ...byNumber });
      const expected = all.rows
        .filter((row) => (id ? row.checks[id] === status : Object.values(row.checks).includes(status)))
        .map((row) => row.number);
      const filtered = await t.call('dossiers.list', { ...byNumber, filters: { checkStatus: status, ...(id ? { checkId: id } : {}) } });
      expect(filtered.rows.map((row) => row.number)).toEqual(expected);
      expect(filtered.total).toBe(expected.length);
    },
  );

  it('finds the deadline warnings of the day and the failed checks', async () => {
    t.setNow('2028-02-20T10:00:00Z');
    const warnings = await t.call('dossiers.list', { ...byNumber, filters: { checkStatus: 'warning', checkId: 'admissibility_deadline' } });
    expect(warnings.rows.map((row) => row.number)).toEqual([1, 2]);
    const failed = await t.call('dossiers.list', { ...byNumber, filters: { checkStatus: 'failed', checkId: 'instruction_deadline' } });
    expect(failed.rows.map((row) => row.number)).toEqual([3, 4]);
  });
});

describe('Mes échéances', () => {
  it('lists my running deadlines, overdue first, with the alert reached', async () => {
    t.setNow('2027-02-20T10:00:00Z');
    await t.call('dossiers.setFollowed', { id: DOSSIERS[3]!.id, followed: true });
    expect((await t.call('echeances.list', {})).items.map((item) => item.number)).toEqual([4]);

    const chosen = await t.call('echeances.setMe', { email: ME.email });
    expect(chosen.me).toEqual(ME);
    const mine = await t.call('echeances.list', {});
    expect(mine.today).toBe('2027-02-20');
    expect(mine.items.map((item) => [item.number, item.kind, item.due, item.daysLeft, item.alertDays, item.assignedToMe, item.followed])).toEqual([
      [3, 'instruction', '2027-02-28', 8, 15, true, false],
      [4, 'instruction', '2027-03-31', 39, null, false, true],
      [1, 'admissibility', '2028-02-29', 374, null, true, false],
      [2, 'admissibility', '2028-03-01', 375, null, true, false],
    ]);

    t.setNow('2027-03-05T10:00:00Z');
    const later = await t.call('echeances.list', {});
    expect(later.items.slice(0, 2).map((item) => [item.number, item.daysLeft, item.alertDays])).toEqual([
      [3, -5, null],
      [4, 26, 30],
    ]);
  });

  it('refuses an email no dossier is assigned to, and forgets me on null', async () => {
    const envelope = await dispatch(t.handlers, 'echeances.setMe', { email: 'nobody@example.gouv.fr' });
    expect(envelope.ok ? null : envelope.error.code).toBe('not_found');
    expect((await t.call('echeances.setMe', { email: null })).me).toBeNull();
  });
});

describe('migration 006', () => {
  it('stores the checks of the dossiers already in the case file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-migration-006-'));
    const db = new Database(path.join(dir, 'relais.sqlite'));
    applyCaseFileKey(db, randomBytes(CASE_FILE_KEY_BYTES));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, 5);
      db.transaction(() => DOSSIERS.forEach((dossier) => writeDossier(db, dossier, false)))();
      migrate(db, 6);
      expect(schemaVersion(db)).toBe(6);
      const columns = CHECK_IDS.map((id) => `check_${id}`).join(', ');
      expect(db.prepare(`SELECT ${columns} FROM dossier WHERE number = 3`).get()).toEqual({
        check_required_pieces: 'failed',
        check_admissibility_deadline: 'ok',
        check_instruction_deadline: 'running|2027-01-29|2027-02-28',
        check_public_aid_ceiling: 'ok',
        check_aid_intensity: 'to_check',
        check_advance_ceiling: 'to_check',
      });
      // The counts per state with a check filter scan the checks' index, not the rows.
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT state, count(*) FROM dossier WHERE check_required_pieces = 'failed' GROUP BY state`).all() as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' | ')).toMatch(/COVERING INDEX dossier_checks/);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the stored checks follow what changes their inputs', () => {
  const checksOf = async (number: number) =>
    (await t.call('dossiers.list', { ...byNumber, filters: { query: String(DOSSIERS[number - 1]!.number) } })).rows.find((row) => row.number === number)!.checks;

  it('an instruction fact, and a re-import of the dossier that keeps it', async () => {
    t.setNow('2027-02-20T10:00:00Z');
    const dossier = DOSSIERS[3]!;
    await t.call('instruction.setAdvance', { dossierId: dossier.id, advance: { amountCents: 9_000_000, bankGuarantee: false } });
    expect((await checksOf(4)).advance_ceiling).toBe('failed');
    importDossiers(t.ctx, [{ ...dossier, updatedAt: '2027-02-20T09:00:00.000Z' }]);
    expect((await checksOf(4)).advance_ceiling).toBe('failed');
    await t.call('instruction.setAdvance', { dossierId: dossier.id, advance: null });
    expect((await checksOf(4)).advance_ceiling).toBe('to_check');
  });

  it('an extension moves the deadline the list filters and Mes échéances count down', async () => {
    t.setNow('2027-03-05T10:00:00Z');
    const dossier = DOSSIERS[3]!;
    expect((await checksOf(4)).instruction_deadline).toBe('warning');
    await t.call('instruction.addExtension', { dossierId: dossier.id, decidedOn: '2027-03-01', newDue: '2027-07-31', reason: 'Expertise technique du procédé' });
    expect((await checksOf(4)).instruction_deadline).toBe('ok');
    const row = (await t.call('dossiers.list', { ...byNumber, filters: { query: '4' } })).rows.find((r) => r.number === 4)!;
    expect(row.dueDate).toBe('2027-07-31');
  });
});
