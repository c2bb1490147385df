import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { verifyJournal } from '../../electron/core/mutations';
import type { DossierImport } from '../../shared/domain/dossier';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

const CAMILLE = { email: 'camille.instructrice@example.gouv.fr', name: 'Camille Instructrice' };
const DOMINIQUE = { email: 'dominique.agent@example.gouv.fr', name: 'Dominique Agent' };

let t: TestContext;
let dossiers: DossierImport[];

/** Twelve dossiers: 1–6 en construction, 7–9 en instruction, 10–12 decided; 11 and 12 with no instructor. */
beforeEach(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
  dossiers = Array.from({ length: 12 }, (_, index) => {
    const number = index + 1;
    const state = number <= 6 ? 'en_construction' : number <= 9 ? 'en_instruction' : 'accepte';
    const dossier = makeDossier({ number, state, arDate: state === 'en_construction' ? null : '2026-01-05', labels: number === 2 ? ['Lot A'] : [] });
    return { ...dossier, assignedInstructor: number >= 11 ? null : number % 2 ? CAMILLE : DOMINIQUE };
  });
  importDossiers(t.ctx, dossiers);
});
afterEach(() => t.dispose());

const ids = (...numbers: number[]) => numbers.map((number) => dossiers[number - 1]!.id);

function journalOf(batchId: string): { name: string; dossier_id: string; args: string }[] {
  return t.ctx.db
    .prepare(`SELECT name, dossier_id, args FROM journal WHERE json_extract(args, '$.batchId') = ? ORDER BY seq`)
    .all(batchId) as { name: string; dossier_id: string; args: string }[];
}

function outboxOf(batchId: string): { name: string; state: string }[] {
  return t.ctx.db
    .prepare(`SELECT name, state FROM outbox WHERE json_extract(args, '$.batchId') = ? ORDER BY client_seq`)
    .all(batchId) as { name: string; state: string }[];
}

async function labelled(label: string): Promise<number[]> {
  const page = await t.call('dossiers.list', { filters: { labels: [label] }, sort: { column: 'number', direction: 'asc' } });
  return page.rows.map((row) => row.number);
}

describe('bulk.run', () => {
  it('adds a label with one journaled, queued mutation per dossier, all under the batch id', async () => {
    const result = await t.call('bulk.run', { action: { kind: 'addLabel', label: 'Lot A' }, target: { ids: ids(1, 2, 3) } });
    expect(result).toMatchObject({ action: 'addLabel', done: 2, undoable: true });
    expect(result.skipped).toEqual([{ reason: 'already_labelled', count: 1, numbers: [2] }]);
    const entries = journalOf(result.batchId);
    expect(entries.map((entry) => [entry.name, entry.dossier_id])).toEqual([
      ['dossier.addLabel', ids(1)[0]],
      ['dossier.addLabel', ids(3)[0]],
    ]);
    expect(outboxOf(result.batchId)).toEqual([
      { name: 'dossier.addLabel', state: 'waiting' },
      { name: 'dossier.addLabel', state: 'waiting' },
    ]);
    expect(await labelled('Lot A')).toEqual([1, 2, 3]);
    expect(verifyJournal(t.ctx.db, { fromStart: true }).ok).toBe(true);
  });

  it('acts on every dossier the filters match when the selection is "all"', async () => {
    const result = await t.call('bulk.run', { action: { kind: 'follow' }, target: { filters: { states: ['en_instruction'] } } });
    expect(result.done).toBe(3);
    const followed = await t.call('dossiers.list', { filters: { followedOnly: true }, sort: { column: 'number', direction: 'asc' } });
    expect(followed.rows.map((row) => row.number)).toEqual([7, 8, 9]);
  });

  it.each([
    { action: { kind: 'follow' as const }, before: (n: number) => n === 1, skipped: 'already_followed', numbers: [1] },
    { action: { kind: 'unfollow' as const }, before: (n: number) => n === 1, skipped: 'not_followed', numbers: [2, 3] },
    { action: { kind: 'removeLabel' as const, label: 'Lot A' }, before: () => false, skipped: 'not_labelled', numbers: [1, 3] },
    { action: { kind: 'assign' as const, instructor: CAMILLE }, before: () => false, skipped: 'already_assigned', numbers: [1, 3] },
  ])('skips a dossier $action.kind would not change ($skipped)', async ({ action, before, skipped, numbers }) => {
    for (const number of [1, 2, 3].filter(before)) await t.call('dossiers.setFollowed', { id: ids(number)[0]!, followed: true });
    const result = await t.call('bulk.run', { action, target: { ids: ids(1, 2, 3) } });
    expect(result.skipped).toEqual([{ reason: skipped, count: numbers.length, numbers }]);
    expect(result.done).toBe(3 - numbers.length);
    expect(journalOf(result.batchId)).toHaveLength(result.done);
  });

  it('passes only dossiers en construction to instruction, and says why the others were skipped', async () => {
    const result = await t.call('bulk.run', { action: { kind: 'passToInstruction' }, target: { ids: ids(5, 6, 7, 10) } });
    expect(result.done).toBe(2);
    expect(result.skipped).toEqual([{ reason: 'not_en_construction', count: 2, numbers: [7, 10] }]);
    const dossier = await t.call('dossiers.get', { id: ids(5)[0]! });
    expect(dossier.state).toBe('en_instruction');
    const history = await t.call('dossiers.history', { id: ids(5)[0]! });
    expect(history.entries[0]).toMatchObject({ what: 'dossier.passToInstruction', before: { state: 'en_construction' }, after: { state: 'en_instruction' } });
  });

  it('reports ids the case file does not hold as unknown', async () => {
    const result = await t.call('bulk.run', { action: { kind: 'follow' }, target: { ids: [...ids(1), '01930000-0000-7000-8000-000000000000'] } });
    expect(result.done).toBe(1);
    expect(result.skipped).toEqual([{ reason: 'unknown_dossier', count: 1, numbers: [] }]);
  });

  it('assigns an instructor and lists the instructors the dossiers know', async () => {
    expect((await t.call('bulk.instructors', {})).instructors).toEqual([CAMILLE, DOMINIQUE]);
    const result = await t.call('bulk.run', { action: { kind: 'assign', instructor: DOMINIQUE }, target: { ids: ids(1, 11) } });
    expect(result.done).toBe(2);
    expect((await t.call('dossiers.get', { id: ids(11)[0]! })).assignedInstructor).toEqual(DOMINIQUE);
  });

  it('refuses a label that is empty or too long, naming the field', async () => {
    const error = await t.failure('bulk.run', { action: { kind: 'addLabel', label: ' ' }, target: { ids: ids(1) } });
    expect(error.code).toBe('invalid_arguments');
    expect(error.issues?.[0]?.path).toBe('action.label');
  });
});

describe('bulk.undo', () => {
  it('undoes a label batch with journaled mutations of its own', async () => {
    const batch = await t.call('bulk.run', { action: { kind: 'addLabel', label: 'Revue' }, target: { ids: ids(1, 2, 3) } });
    const undo = await t.call('bulk.undo', { batchId: batch.batchId });
    expect(undo).toMatchObject({ action: 'undo', done: 3, skipped: [], undoable: false });
    expect(journalOf(undo.batchId).map((entry) => entry.name)).toEqual(['dossier.removeLabel', 'dossier.removeLabel', 'dossier.removeLabel']);
    expect(outboxOf(undo.batchId)).toHaveLength(3);
    expect(await labelled('Revue')).toEqual([]);
    expect(await labelled('Lot A')).toEqual([2]);
  });

  it('gives each dossier back its former instructor, none included', async () => {
    const batch = await t.call('bulk.run', { action: { kind: 'assign', instructor: DOMINIQUE }, target: { ids: ids(1, 2, 11) } });
    expect(batch.done).toBe(2);
    await t.call('bulk.undo', { batchId: batch.batchId });
    expect((await t.call('dossiers.get', { id: ids(1)[0]! })).assignedInstructor).toEqual(CAMILLE);
    expect((await t.call('dossiers.get', { id: ids(2)[0]! })).assignedInstructor).toEqual(DOMINIQUE);
    expect((await t.call('dossiers.get', { id: ids(11)[0]! })).assignedInstructor).toBeNull();
  });

  it('puts dossiers passed to instruction back en construction', async () => {
    const batch = await t.call('bulk.run', { action: { kind: 'passToInstruction' }, target: { ids: ids(1, 2) } });
    await t.call('bulk.undo', { batchId: batch.batchId });
    const page = await t.call('dossiers.list', { filters: { states: ['en_construction'] }, sort: { column: 'number', direction: 'asc' } });
    expect(page.rows.map((row) => row.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(page.rows[0]).toMatchObject({ dueKind: 'admissibility' });
  });

  it('is refused once one change of the batch left the outbox, and nothing changes', async () => {
    const batch = await t.call('bulk.run', { action: { kind: 'follow' }, target: { ids: ids(1, 2, 3) } });
    t.ctx.db.prepare(`UPDATE outbox SET state = 'sent' WHERE json_extract(args, '$.batchId') = ? AND json_extract(args, '$.id') = ?`).run(batch.batchId, ids(2)[0]);
    const journalLength = t.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get();
    const error = await t.failure('bulk.undo', { batchId: batch.batchId });
    expect(error).toMatchObject({ code: 'bulk_undo_synced', params: { count: 1 } });
    expect(t.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(journalLength);
    const followed = await t.call('dossiers.list', { filters: { followedOnly: true } });
    expect(followed.total).toBe(3);
  });

  it('is refused for a batch already undone, and for an undo', async () => {
    const batch = await t.call('bulk.run', { action: { kind: 'follow' }, target: { ids: ids(1) } });
    const undo = await t.call('bulk.undo', { batchId: batch.batchId });
    expect((await t.failure('bulk.undo', { batchId: batch.batchId })).code).toBe('bulk_already_undone');
    expect((await t.failure('bulk.undo', { batchId: undo.batchId })).code).toBe('bulk_not_undoable');
    expect((await t.failure('bulk.undo', { batchId: '01930000-0000-7000-8000-000000000000' })).code).toBe('not_found');
  });

  it('skips a dossier changed again since the batch, with the reason', async () => {
    const batch = await t.call('bulk.run', { action: { kind: 'follow' }, target: { ids: ids(1, 2) } });
    await t.call('dossiers.setFollowed', { id: ids(2)[0]!, followed: false });
    const undo = await t.call('bulk.undo', { batchId: batch.batchId });
    expect(undo.done).toBe(1);
    expect(undo.skipped).toEqual([{ reason: 'not_followed', count: 1, numbers: [2] }]);
  });
});
