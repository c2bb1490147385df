/**
 * Instruction facts on a real case file: each change one journaled mutation queued for the hub,
 * the checks and the list's deadline recomputed from them, impossible facts refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

let t: TestContext;
// AR 15 July 2025: the decision is due 15 March 2026; the clock says 1 March 2026 (14 days left).
const acknowledged = makeDossier({ number: 301, state: 'en_instruction', receivedAt: '2025-07-01T09:00:00Z', arDate: '2025-07-15', amountRequestedCents: 10_000_000 });
const received = makeDossier({ number: 302, receivedAt: '2026-02-10T09:00:00Z' });
const decided = makeDossier({ number: 303, state: 'accepte', receivedAt: '2025-07-01T09:00:00Z', arDate: '2025-07-15' });

beforeAll(() => {
  t = createTestContext('2026-03-01T10:00:00.000Z');
  importDossiers(t.ctx, [acknowledged, received, decided]);
});
afterAll(() => t.dispose());

const check = async (id: string, checkId: string) => (await t.call('dossiers.get', { id })).checks.find((c) => c.id === checkId)!;
const journalCount = () => t.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
const outboxNames = () => t.ctx.db.prepare('SELECT name FROM outbox ORDER BY client_seq').pluck().all() as string[];
/** The check's status as the list shows it (stored by the mutation, read through the contract). */
async function listed(id: string, checkId: 'aid_intensity' | 'instruction_deadline') {
  const { rows } = await t.call('dossiers.list', { limit: 10 });
  return rows.find((row) => row.id === id)!.checks[checkId];
}

describe('instruction facts', () => {
  it('start empty, and the checks that need them say so', async () => {
    expect(await t.call('instruction.get', { dossierId: acknowledged.id })).toEqual({ regime: null, advance: null, extensions: [] });
    expect(await check(acknowledged.id, 'aid_intensity')).toMatchObject({ status: 'to_check', params: { reason: 'no_regime' } });
  });

  it('a regime is one journaled mutation in the outbox, and the aid intensity check follows it', async () => {
    const journalBefore = journalCount();
    // Eligible base 500,000 €, 100,000 € requested: 20 %.
    await t.call('instruction.setRegime', { dossierId: acknowledged.id, regime: { kind: 'regional', zone: 'c' } });
    expect(await check(acknowledged.id, 'aid_intensity')).toMatchObject({ status: 'ok', params: { regime: 'regional_c', maxPercent: 35 } });
    expect(await listed(acknowledged.id, 'aid_intensity')).toBe('ok');

    await t.call('instruction.setRegime', { dossierId: acknowledged.id, regime: { kind: 'gber_art17' } });
    expect(await check(acknowledged.id, 'aid_intensity')).toMatchObject({ status: 'ok', params: { regime: 'gber_art17', maxPercent: 20 } });

    await t.call('instruction.setRegime', { dossierId: acknowledged.id, regime: { kind: 'regional', zone: 'non_zoned' } });
    expect(await check(acknowledged.id, 'aid_intensity')).toMatchObject({ status: 'failed', params: { reason: 'zone_excluded' } });
    expect(await listed(acknowledged.id, 'aid_intensity')).toBe('failed');
    expect((await t.call('dossiers.list', { filters: { checkId: 'aid_intensity', checkStatus: 'failed' } })).rows.map((row) => row.id)).toEqual([acknowledged.id]);

    expect(journalCount()).toBe(journalBefore + 3);
    expect(outboxNames().slice(-3)).toEqual(['instruction.setRegime', 'instruction.setRegime', 'instruction.setRegime']);
    const history = await t.call('dossiers.history', { id: acknowledged.id });
    expect(history.entries[0]).toMatchObject({
      what: 'instruction.setRegime',
      who: 'Camille Instructrice',
      before: { regime: { kind: 'gber_art17' } },
      after: { regime: { kind: 'regional', zone: 'non_zoned' } },
      intact: true,
    });
  });

  it('de minimis counts the aid declared over the three rolling years before today', async () => {
    const priorAids = [
      { grantor: 'Région Grand Est', amountCents: 15_000_000, grantedOn: '2024-06-01' },
      { grantor: 'Département', amountCents: 9_000_000, grantedOn: '2023-03-01' }, // outside: before 2 March 2023
    ];
    await t.call('instruction.setRegime', { dossierId: acknowledged.id, regime: { kind: 'de_minimis', priorAids } });
    expect(await check(acknowledged.id, 'aid_intensity')).toMatchObject({
      status: 'ok',
      params: { reason: 'de_minimis_within', priorCents: 15_000_000, periodStartOn: '2023-03-02', cumulatedCents: 25_000_000 },
    });
    await t.call('instruction.setRegime', {
      dossierId: acknowledged.id,
      regime: { kind: 'de_minimis', priorAids: [...priorAids, { grantor: 'BPI', amountCents: 5_000_001, grantedOn: '2026-03-01' }] },
    });
    expect(await check(acknowledged.id, 'aid_intensity')).toMatchObject({ status: 'failed', params: { excessCents: 1 } });
  });

  it('refuses an aid granted after today, writing nothing', async () => {
    const journalBefore = journalCount();
    const error = await t.failure('instruction.setRegime', {
      dossierId: acknowledged.id,
      regime: { kind: 'de_minimis', priorAids: [{ grantor: 'Région', amountCents: 1, grantedOn: '2026-03-02' }] },
    });
    expect(error).toMatchObject({ code: 'date_in_future', params: { today: '2026-03-01' }, issues: [{ path: 'priorAids.0.grantedOn' }] });
    expect(journalCount()).toBe(journalBefore);
    expect((await t.call('instruction.get', { dossierId: acknowledged.id })).regime).toMatchObject({ kind: 'de_minimis' });
  });

  it('the advance: 30 %, or 60 % with a bank guarantee', async () => {
    await t.call('instruction.setAdvance', { dossierId: acknowledged.id, advance: { amountCents: 4_000_000, bankGuarantee: false } });
    expect(await check(acknowledged.id, 'advance_ceiling')).toMatchObject({ status: 'failed', params: { maxPercent: 30 } });
    await t.call('instruction.setAdvance', { dossierId: acknowledged.id, advance: { amountCents: 4_000_000, bankGuarantee: true } });
    expect(await check(acknowledged.id, 'advance_ceiling')).toMatchObject({ status: 'ok', params: { maxPercent: 60 } });
    await t.call('instruction.setAdvance', { dossierId: acknowledged.id, advance: null });
    expect(await check(acknowledged.id, 'advance_ceiling')).toMatchObject({ status: 'to_check', params: { reason: 'no_advance' } });
  });

  it.each([
    ['decided before the AR', { decidedOn: '2025-07-14', newDue: '2026-05-15' }, 'extension_before_ar', 'decidedOn'],
    ['decided in the future', { decidedOn: '2026-03-02', newDue: '2026-05-15' }, 'date_in_future', 'decidedOn'],
    ['to a date that is not later', { decidedOn: '2026-02-20', newDue: '2026-03-15' }, 'extension_not_later', 'newDue'],
  ])('refuses an extension %s', async (_what, dates, code, path) => {
    const error = await t.failure('instruction.addExtension', { dossierId: acknowledged.id, reason: 'Expertise', ...dates });
    expect(error).toMatchObject({ code, issues: [{ path }] });
    expect((await t.call('instruction.get', { dossierId: acknowledged.id })).extensions).toEqual([]);
  });

  it('refuses an extension once the dossier is decided', async () => {
    expect(await t.failure('instruction.addExtension', { dossierId: decided.id, decidedOn: '2026-02-20', newDue: '2026-05-15', reason: 'Expertise' })).toMatchObject({
      code: 'extension_decided',
      params: { state: 'accepte' },
    });
  });

  it('refuses an extension before the AR was sent, and one with an empty reason', async () => {
    expect(await t.failure('instruction.addExtension', { dossierId: received.id, decidedOn: '2026-02-20', newDue: '2026-12-01', reason: 'Expertise' })).toMatchObject({
      code: 'extension_without_ar',
    });
    expect(await t.failure('instruction.addExtension', { dossierId: acknowledged.id, decidedOn: '2026-02-20', newDue: '2026-05-15', reason: '   ' })).toMatchObject({
      code: 'invalid_arguments',
      issues: [{ path: 'reason' }],
    });
  });

  it('an extension moves the deadline, its warnings and the list column; only the last one can be removed', async () => {
    const dueColumn = () => t.ctx.db.prepare('SELECT due_date FROM dossier WHERE id = ?').pluck().get(acknowledged.id);
    expect(await check(acknowledged.id, 'instruction_deadline')).toMatchObject({ status: 'warning', due: '2026-03-15', params: { alertDays: 15 } });
    expect(await listed(acknowledged.id, 'instruction_deadline')).toBe('warning');
    expect(dueColumn()).toBe('2026-03-15');

    const first = await t.call('instruction.addExtension', { dossierId: acknowledged.id, decidedOn: '2026-02-20', newDue: '2026-05-15', reason: 'Expertise technique' });
    expect(first.extensions).toEqual([expect.objectContaining({ decidedOn: '2026-02-20', newDue: '2026-05-15', reason: 'Expertise technique' })]);
    expect(await check(acknowledged.id, 'instruction_deadline')).toMatchObject({ status: 'ok', due: '2026-05-15', params: { reason: 'running_extended', daysLeft: 75 } });
    expect(dueColumn()).toBe('2026-05-15');
    // 14 days left before: a warning; 75 days left after the extension: ok, in the list too.
    expect(await listed(acknowledged.id, 'instruction_deadline')).toBe('ok');
    const detail = await t.call('dossiers.get', { id: acknowledged.id });
    expect(detail.deadlines.find((deadline) => deadline.kind === 'instruction')).toMatchObject({ due: '2026-05-15', daysLeft: 75 });

    // A second extension is checked against the date the first one set.
    expect(await t.failure('instruction.addExtension', { dossierId: acknowledged.id, decidedOn: '2026-03-01', newDue: '2026-05-15', reason: 'Encore' })).toMatchObject({
      code: 'extension_not_later',
      params: { due: '2026-05-15' },
    });
    const second = await t.call('instruction.addExtension', { dossierId: acknowledged.id, decidedOn: '2026-03-01', newDue: '2026-06-30', reason: 'Avis du territoire' });
    expect(await check(acknowledged.id, 'instruction_deadline')).toMatchObject({ due: '2026-06-30', params: { extensions: 2 } });

    expect(await t.failure('instruction.removeExtension', { dossierId: acknowledged.id, extensionId: second.extensions[0]!.id })).toMatchObject({
      code: 'extension_not_last',
    });
    await t.call('instruction.removeExtension', { dossierId: acknowledged.id, extensionId: second.extensions[1]!.id });
    expect(await check(acknowledged.id, 'instruction_deadline')).toMatchObject({ due: '2026-05-15' });
    expect(dueColumn()).toBe('2026-05-15');
  });

  it('refuses an extension once the delay has run out: the rejection is born', async () => {
    t.setNow('2026-05-20T10:00:00.000Z');
    try {
      expect(await check(acknowledged.id, 'instruction_deadline')).toMatchObject({ status: 'failed', params: { reason: 'implicit_rejection_extended', rejectedOn: '2026-05-15' } });
      expect(await t.failure('instruction.addExtension', { dossierId: acknowledged.id, decidedOn: '2026-05-16', newDue: '2026-09-01', reason: 'Trop tard' })).toMatchObject({
        code: 'extension_after_due',
        params: { due: '2026-05-15' },
      });
    } finally {
      t.setNow('2026-03-01T10:00:00.000Z');
    }
  });

  it('names an unknown dossier', async () => {
    expect(await t.failure('instruction.get', { dossierId: '0190a3c4-0000-7000-8000-0000000000ff' })).toMatchObject({ code: 'not_found' });
  });

  it('keeps the journal chain intact', async () => {
    expect((await t.call('dossiers.history', { id: acknowledged.id })).chainIntact).toBe(true);
  });
});
