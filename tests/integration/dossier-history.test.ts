/** 'dossiers.history' through dispatch, on a real case file: who did what and when, and whether the chain vouches for it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { importDossiers } from '../../electron/core/dossiers/import';
import type { DossierImport } from '../../shared/domain/dossier';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

let t: TestContext;
let followed: DossierImport;
let other: DossierImport;

beforeEach(async () => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
  followed = makeDossier({ number: 101 });
  other = makeDossier({ number: 102 });
  importDossiers(t.ctx, [followed, other]);
  t.setNow('2026-03-16T08:30:00.000Z');
  await t.call('dossiers.setFollowed', { id: followed.id, followed: true });
  await t.call('dossiers.setFollowed', { id: other.id, followed: true });
  t.setNow('2026-03-17T14:05:00.000Z');
  await t.call('dossiers.setFollowed', { id: followed.id, followed: true });
});
afterEach(() => t.dispose());

describe('dossiers.history', () => {
  it("lists the dossier's own entries, newest first, with who, when, what, before and after", async () => {
    const history = await t.call('dossiers.history', { id: followed.id });
    expect(history.chainIntact).toBe(true);
    expect(history.firstBreak).toBeNull();
    expect(history.entries.map(({ seq, who, when, what, before, after, intact }) => ({ seq, who, when, what, before, after, intact }))).toEqual([
      {
        seq: 5,
        who: 'Camille Instructrice',
        when: '2026-03-17T14:05:00.000Z',
        what: 'dossier.setFollowed',
        before: { followed: true },
        after: { followed: true },
        intact: true,
      },
      {
        seq: 3,
        who: 'Camille Instructrice',
        when: '2026-03-16T08:30:00.000Z',
        what: 'dossier.setFollowed',
        before: { followed: false },
        after: { followed: true },
        intact: true,
      },
      {
        seq: 1,
        who: 'Camille Instructrice',
        when: '2026-03-15T10:00:00.000Z',
        what: 'dossier.import',
        before: null,
        after: { state: 'en_construction', updatedAt: followed.updatedAt },
        intact: true,
      },
    ]);
    const mutationIds = t.ctx.db.prepare('SELECT mutation_id FROM journal WHERE seq IN (5, 3, 1) ORDER BY seq DESC').pluck().all();
    expect(history.entries.map((entry) => entry.mutationId)).toEqual(mutationIds);
  });

  it('reads the journal through its per-dossier index', () => {
    const plan = t.ctx.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM journal WHERE dossier_id = ? ORDER BY seq DESC')
      .all(followed.id) as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual(['SEARCH journal USING INDEX journal_by_dossier (dossier_id=?)']);
  });

  it("flags the entries past a break in the chain, even one in another dossier's entries", async () => {
    // The journal refuses updates; someone editing the file with another tool drops the trigger first.
    t.ctx.db.exec('DROP TRIGGER journal_no_update');
    t.ctx.db.prepare(`UPDATE journal SET after = '{"followed":false}' WHERE seq = 4`).run();
    const history = await t.call('dossiers.history', { id: followed.id });
    expect(history.chainIntact).toBe(false);
    expect(history.firstBreak).toEqual({
      seq: 4,
      mutationId: t.ctx.db.prepare('SELECT mutation_id FROM journal WHERE seq = 4').pluck().get(),
      reason: 'hash_mismatch',
    });
    expect(history.entries.map((entry) => [entry.seq, entry.intact])).toEqual([
      [5, false],
      [3, true],
      [1, true],
    ]);
  });

  it('says a dossier that does not exist is not found', async () => {
    const envelope = await dispatch(t.handlers, 'dossiers.history', { id: '0190a3c4-0000-7000-8000-000000000000' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
