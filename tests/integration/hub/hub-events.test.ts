/**
 * The hub's own imports, on PostgreSQL and PGlite: many dossiers in one call, the same dossier
 * twice in one call (in order, each version after the other), and invalid dossiers refused whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { recordHubEvents } from '../../../server/sync/hub-events';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { makeDossier } from '../fixtures/core-dossiers';
import { NOW } from './hub-fixture';

describe.each(HUB_DATABASE_KINDS)('hub imports on %s', (kind) => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
  });
  afterAll(() => db.close());

  it('records each import in order, the same dossier twice in one call included', async () => {
    const a = makeDossier({ number: 1, state: 'en_construction' });
    const b = makeDossier({ number: 2, state: 'en_instruction', territory: 'lyon' });
    const events = await recordHubEvents(db, [
      { name: 'dossier.import', args: a },
      { name: 'dossier.import', args: b },
      { name: 'dossier.import', args: { ...a, state: 'en_instruction' } },
    ], NOW);
    expect(events.map((e) => [e.dossierId, e.seq - events[0]!.seq])).toEqual([[a.id, 0], [b.id, 1], [a.id, 2]]);
    expect(events[2]!.versions).toEqual({ [`dossier:${a.id}:state`]: 2, [`dossier:${a.id}:assigned`]: 2, [`dossier:${a.id}:arDate`]: 2 });
    expect(events.every((e) => e.origin === 'hub' && e.deviceId === null && e.actor.id === 'relais-hub')).toBe(true);
    const { rows } = await db.query('SELECT id, state, territory_id FROM hub_dossier ORDER BY number');
    expect(rows).toEqual([
      { id: a.id, state: 'en_instruction', territory_id: 'ti-0088' },
      { id: b.id, state: 'en_instruction', territory_id: 'ti-0069' },
    ]);
  });

  it('refuses a batch holding an invalid dossier, and records none of it', async () => {
    const good = makeDossier({ number: 3 });
    const before = await db.query('SELECT count(*)::int AS n FROM hub_event');
    await expect(recordHubEvents(db, [{ name: 'dossier.import', args: good }, { name: 'dossier.import', args: { ...good, id: 'nope' } }])).rejects.toThrow();
    expect((await db.query('SELECT count(*)::int AS n FROM hub_event')).rows).toEqual(before.rows);
  });
});
