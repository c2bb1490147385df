/**
 * The mutation path's side of sync, on real case files: a synced change is queued with its
 * dossier and the versions it was made from, and a change pulled from the hub is replayed through
 * its definition, journaled under its own id, author and time, once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDossiers } from '../../../electron/core/dossiers/import';
import { applyHubEvent } from '../../../electron/core/mutations/run';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubEvent } from '../../../shared/sync/protocol';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { makeDossier } from '../fixtures/core-dossiers';
import { relaisErrorOf } from '../fixtures/relais-error';

let mine: TestContext;
let other: TestContext;
let dossier: DossierImport;

beforeEach(() => {
  mine = createTestContext();
  other = createTestContext();
  dossier = makeDossier({ number: 42, state: 'en_instruction', arDate: '2026-02-15' });
  for (const t of [mine, other]) importDossiers(t.ctx, [dossier]);
});
afterEach(() => {
  mine.dispose();
  other.dispose();
});

const CRITERION = 'structuring_investment';
const KEY = () => `evaluation:${dossier.id}/${CRITERION}:assessment`;

interface QueuedRow {
  mutation_id: string;
  name: string;
  args: string;
  dossier_id: string | null;
  base: string;
  created_at: string;
}

const queued = (t: TestContext) => t.ctx.db.prepare('SELECT mutation_id, name, args, dossier_id, base, created_at FROM outbox ORDER BY client_seq').all() as QueuedRow[];
const keysOf = (t: TestContext, mutationId: string) => t.ctx.db.prepare('SELECT key FROM outbox_key WHERE mutation_id = ?').pluck().all(mutationId);

function assess(t: TestContext, expectedVersion: number, status: 'met' | 'not_met', comment: string) {
  return t.call('evaluation.setCriterion', { dossierId: dossier.id, criterionId: CRITERION, expectedVersion, status, comment });
}

/** The event the hub would serve for a change queued on `from`. */
function eventOf(row: QueuedRow, seq: number): HubEvent {
  return {
    seq,
    mutationId: row.mutation_id,
    name: row.name,
    args: JSON.parse(row.args),
    dossierId: row.dossier_id,
    actor: { id: 'dominique@example.gouv.fr', name: 'Dominique Autre' },
    at: '2026-03-14T16:00:00.000Z',
    recordedAt: '2026-03-15T09:00:00.000Z',
    versions: { [KEY()]: seq },
    origin: 'desk',
    deviceId: '0190a6f0-0000-7000-8000-000000000001',
  };
}

describe('queueing a synced change', () => {
  it('records its dossier, the keys it sets and version 0 of a key the hub never showed', async () => {
    await assess(mine, 0, 'met', 'Investissement structurant.');
    const [row] = queued(mine);
    expect(row).toMatchObject({ name: 'evaluation.setCriterion', dossier_id: dossier.id });
    expect(JSON.parse(row!.base)).toEqual({ [KEY()]: 0 });
    expect(keysOf(mine, row!.mutation_id)).toEqual([KEY()]);
  });

  it('builds on the hub version this desk last saw, and on its own change still on its way', async () => {
    mine.ctx.db.prepare(`INSERT INTO sync_field (key, version, value) VALUES (?, 7, 'null')`).run(KEY());
    await assess(mine, 0, 'met', 'Premier avis.');
    await assess(mine, 1, 'not_met', 'Second avis.');
    const [first, second] = queued(mine);
    expect(JSON.parse(first!.base)).toEqual({ [KEY()]: 7 });
    expect(JSON.parse(second!.base)).toEqual({ [KEY()]: first!.mutation_id });
  });
});

describe('replaying a change from the hub', () => {
  it('applies it past the guards of the author’s screen, journaled as the author made it, and queues nothing', async () => {
    await assess(other, 0, 'met', 'Vu sur place.');
    const [row] = queued(other);
    // This desk's screen is at another version: a local save would be refused as stale, the replay is not.
    await assess(mine, 0, 'not_met', 'Premier regard.');
    const before = queued(mine).length;
    expect(applyHubEvent(mine.ctx, eventOf(row!, 3))).toBe(true);

    const shown = (await mine.call('evaluation.get', { dossierId: dossier.id })).criteria.find((c) => c.criterionId === CRITERION)!;
    expect(shown).toMatchObject({ status: 'met', comment: 'Vu sur place.' });
    const entry = mine.ctx.db.prepare('SELECT name, actor_id, actor_name, at, dossier_id FROM journal WHERE mutation_id = ?').get(row!.mutation_id);
    expect(entry).toEqual({ name: 'evaluation.setCriterion', actor_id: 'dominique@example.gouv.fr', actor_name: 'Dominique Autre', at: '2026-03-14T16:00:00.000Z', dossier_id: dossier.id });
    expect(queued(mine)).toHaveLength(before);
  });

  it('takes a change once: the same event again changes nothing', async () => {
    await assess(other, 0, 'met', 'Vu sur place.');
    const event = eventOf(queued(other)[0]!, 1);
    expect(applyHubEvent(mine.ctx, event)).toBe(true);
    const journal = mine.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get();
    expect(applyHubEvent(mine.ctx, event)).toBe(false);
    expect(mine.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(journal);
  });

  it('refuses a change this version of Relais does not know, and changes nothing', async () => {
    await assess(other, 0, 'met', 'Vu sur place.');
    const event = { ...eventOf(queued(other)[0]!, 1), name: 'evaluation.setSomethingNew' };
    const error = relaisErrorOf(() => applyHubEvent(mine.ctx, event));
    expect([error.code, error.params]).toEqual(['sync_change_unknown', { name: 'evaluation.setSomethingNew' }]);
    expect(mine.ctx.db.prepare('SELECT count(*) FROM journal WHERE mutation_id = ?').pluck().get(event.mutationId)).toBe(0);
  });
});
