/** The journal's hash chain on a real case file: intact, then altered the ways an intruder could. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setFollowed } from '../../electron/core/dossiers/follow';
import { importDossiers } from '../../electron/core/dossiers/import';
import { runMutation, verifyJournal } from '../../electron/core/mutations';
import { entryHash, entryOf, type JournalRow } from '../../electron/core/mutations/journal';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

let t: TestContext;
let mutationIds: string[];

beforeEach(() => {
  t = createTestContext();
  const dossiers = [makeDossier({ number: 101 }), makeDossier({ number: 102 })];
  importDossiers(t.ctx, dossiers);
  for (const followed of [true, false, true]) runMutation(t.ctx, setFollowed, { id: dossiers[0].id, followed });
  mutationIds = t.ctx.db.prepare('SELECT mutation_id FROM journal ORDER BY seq').pluck().all() as string[];
});
afterEach(() => t.dispose());

/**
 * The journal's triggers refuse any UPDATE or DELETE; someone editing the file with another
 * SQLite tool can drop them first, which is the case the chain exists for.
 */
function dropAppendOnlyTriggers(): void {
  t.ctx.db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
}

describe('verifyJournal', () => {
  it('accepts an intact chain and counts its entries', () => {
    expect(mutationIds).toHaveLength(5);
    expect(verifyJournal(t.ctx.db)).toEqual({ ok: true, entries: 5 });
  });

  it('accepts an empty journal', () => {
    const empty = createTestContext();
    try {
      expect(verifyJournal(empty.ctx.db)).toEqual({ ok: true, entries: 0 });
    } finally {
      empty.dispose();
    }
  });

  for (const [column, value] of [
    ['args', '{"followed":false,"id":"forged"}'],
    ['after', '{"followed":true}'],
    ['at', '2026-03-14T10:00:00.000Z'],
    ['actor_name', 'Quelqu’un d’autre'],
    ['after', 'not JSON at all'],
  ] as const) {
    it(`names the entry whose ${column} was changed to ${value}`, () => {
      dropAppendOnlyTriggers();
      t.ctx.db.prepare(`UPDATE journal SET ${column} = ? WHERE seq = 4`).run(value);
      expect(verifyJournal(t.ctx.db)).toEqual({
        ok: false,
        entries: 3,
        broken: { seq: 4, mutationId: mutationIds[3], reason: 'hash_mismatch' },
      });
    });
  }

  it('names the entry after one that was changed and hashed again', () => {
    dropAppendOnlyTriggers();
    const row = t.ctx.db.prepare('SELECT * FROM journal WHERE seq = 3').get() as JournalRow;
    const forged = { ...row, after: '{"followed":false}' };
    t.ctx.db.prepare('UPDATE journal SET after = ?, hash = ? WHERE seq = 3').run(forged.after, entryHash(row.prev_hash, entryOf(forged)));
    expect(verifyJournal(t.ctx.db)).toEqual({
      ok: false,
      entries: 3,
      broken: { seq: 4, mutationId: mutationIds[3], reason: 'prev_hash_mismatch' },
    });
  });

  it('names the entry that follows a deleted one, and the first missing number', () => {
    dropAppendOnlyTriggers();
    t.ctx.db.prepare('DELETE FROM journal WHERE seq = 3').run();
    expect(verifyJournal(t.ctx.db)).toEqual({
      ok: false,
      entries: 2,
      broken: { seq: 4, mutationId: mutationIds[3], reason: 'gap', missingFrom: 3 },
    });
  });

  it('names the first entry when the oldest ones were deleted', () => {
    dropAppendOnlyTriggers();
    t.ctx.db.prepare('DELETE FROM journal WHERE seq <= 2').run();
    expect(verifyJournal(t.ctx.db)).toMatchObject({ ok: false, entries: 0, broken: { seq: 3, reason: 'gap', missingFrom: 1 } });
  });
});
