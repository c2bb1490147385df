/**
 * Pull, on PostgreSQL and PGlite: events after a cursor in commit order, never one skipped while
 * pushes commit concurrently, only what the caller may see, pages with the blobs they reference,
 * and a cursor of another hub refused.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../shared/sync/protocol';
import type { HubDatabase } from '../../../server/db/database';
import { HubError } from '../../../server/errors';
import { hubIdOf } from '../../../server/hub-meta';
import { pullEvents } from '../../../server/sync/pull';
import { freshDatabaseUrl, HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { openHubDatabase } from '../../../server/db/open';
import { expectStatus, importDossier, storeBlob, TestDevice } from './hub-fixture';
import { pieceOf } from '../fixtures/core-dossiers';

/** Every event the device may see after `cursor`, page after page; returns them and the last cursor. */
async function pullAll(device: TestDevice, cursor?: string, limit = 3): Promise<{ events: HubEvent[]; cursor: string }> {
  const events: HubEvent[] = [];
  for (;;) {
    const page = await pullEvents(device.db, device.principal, { cursor, limit });
    events.push(...page.events);
    cursor = page.cursor;
    if (!page.more) return { events, cursor };
  }
}

describe.each(HUB_DATABASE_KINDS)('pull on %s', (kind) => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
  });
  afterAll(() => db.close());

  it('serves what the user may see, in order, a page at a time, with the blobs referenced', async () => {
    const admin = TestDevice.forRole(db, 'administrateur', []);
    const start = await pullAll(admin);
    const sha = await storeBlob(db);
    const vosges = await importDossier(db, { pieces: [pieceOf(sha, 'devis.pdf')] });
    const lyon = await importDossier(db, { territory: 'lyon' });
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const bruno = TestDevice.forRole(db, 'instructeur', ['lyon']);
    expectStatus(await anne.one('dossier.addLabel', { id: vosges.id, label: 'A' }, vosges.id), 'applied');
    expectStatus(await bruno.one('dossier.addLabel', { id: lyon.id, label: 'B' }, lyon.id), 'applied');
    expectStatus(await anne.one('preferences.setLanguage', { language: 'en' }, null), 'applied');

    const forAnne = (await pullAll(anne, start.cursor, 1)).events;
    expect(forAnne.filter((e) => e.dossierId !== null).every((e) => e.dossierId === vosges.id)).toBe(true);
    expect(forAnne.map((e) => e.name)).toEqual(['dossier.import', 'dossier.addLabel', 'preferences.setLanguage']);
    const forBruno = (await pullAll(bruno, start.cursor)).events;
    expect(forBruno.map((e) => e.name)).toEqual(['dossier.import', 'dossier.addLabel']);
    const all = (await pullAll(admin, start.cursor)).events;
    // The administrator sees every dossier, but not someone's own preferences.
    expect(all.map((e) => e.name)).toEqual(['dossier.import', 'dossier.import', 'dossier.addLabel', 'dossier.addLabel']);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));

    const first = await pullEvents(db, anne.principal, { cursor: start.cursor, limit: 1 });
    expect(first.more).toBe(true);
    expect(first.events[0]).toMatchObject({ name: 'dossier.import', origin: 'hub', deviceId: null, args: { id: vosges.id } });
    expect(first.blobs).toEqual([{ sha256: sha, sizeBytes: 64 }]);
    // Nothing new: the cursor stays, nothing more.
    const end = await pullAll(anne, start.cursor);
    expect(await pullEvents(db, anne.principal, { cursor: end.cursor, limit: 10 })).toMatchObject({ cursor: end.cursor, events: [], more: false });
  });

  it('brings the earlier events of a dossier of another territory once it is assigned to the user', async () => {
    const lyon = await importDossier(db, { territory: 'lyon' });
    const bruno = TestDevice.forRole(db, 'instructeur', ['lyon']);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    expectStatus(await bruno.one('dossier.addLabel', { id: lyon.id, label: 'Avant' }, lyon.id), 'applied');
    const before = await pullAll(anne);
    expect(before.events.some((e) => e.dossierId === lyon.id)).toBe(false);
    const email = anne.principal.user.email.toUpperCase();
    expectStatus(await bruno.one('dossier.assign', { id: lyon.id, instructor: { email, name: 'Anne' } }, lyon.id, { [`dossier:${lyon.id}:assigned`]: 1 }), 'applied');
    expectStatus(await bruno.one('dossier.addLabel', { id: lyon.id, label: 'Après' }, lyon.id), 'applied');
    const after = await pullAll(anne, before.cursor, 1);
    expect(after.events.map((e) => e.name)).toEqual(['dossier.import', 'dossier.addLabel', 'dossier.assign', 'dossier.addLabel']);
    // Her next pulls carry on from there, with nothing repeated.
    expect((await pullAll(anne, after.cursor)).events).toEqual([]);
  });

  it('refuses a cursor given by another hub', async () => {
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const error = await pullEvents(db, anne.principal, { cursor: `${randomUUID()}:3`, limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'cursor_foreign', status: 400 });
    const own = await pullEvents(db, anne.principal, { cursor: `${await hubIdOf(db)}:0`, limit: 10 });
    expect(own.cursor.startsWith(await hubIdOf(db))).toBe(true);
  });

  it('misses no event while pushes commit concurrently', async () => {
    const dossier = await importDossier(db);
    const admin = TestDevice.forRole(db, 'administrateur', []);
    const { cursor: from } = await pullAll(admin);
    const devices = Array.from({ length: 6 }, () => TestDevice.forRole(db, 'instructeur', ['vosges']));
    const seen: HubEvent[] = [];
    let cursor = from;
    let pushing = true;
    const poller = (async () => {
      while (pushing) {
        const page = await pullEvents(db, admin.principal, { cursor, limit: 50 });
        seen.push(...page.events);
        cursor = page.cursor;
      }
    })();
    await Promise.all(
      devices.map(async (device, d) => {
        for (let i = 0; i < 5; i++) {
          const items = [0, 1].map((j) => device.item('dossier.addLabel', { id: dossier.id, label: `L${d}-${i}-${j}` }, dossier.id));
          for (const result of await device.push(...items)) expectStatus(result, 'applied');
        }
      }),
    );
    pushing = false;
    await poller;
    seen.push(...(await pullAll(admin, cursor)).events);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toHaveLength(60);
    expect(new Set(seqs).size).toBe(60);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // Numbers are given at commit time: no gaps either.
    expect(seqs[59]! - seqs[0]!).toBe(59);
  });
});

/** Until another backend waits for a lock (the push, for the clock row). */
async function waitForLockWait(db: HubDatabase): Promise<void> {
  for (;;) {
    const { rowCount } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('pull while a transaction holds the clock (PostgreSQL)', () => {
  it('never moves the cursor past a change still being committed', async () => {
    const url = await freshDatabaseUrl();
    const db = await openHubDatabase({ databaseUrl: url });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const dossier = await importDossier(db);
      const admin = TestDevice.forRole(db, 'administrateur', []);
      const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
      const { cursor } = await pullAll(admin);
      // Another push took the next number and has not committed yet.
      await other.query('BEGIN');
      const { rows } = await other.query<{ seq: string }>('UPDATE hub_clock SET seq = seq + 1 RETURNING seq');
      await other.query(
        `INSERT INTO hub_event (seq, mutation_id, name, args, dossier_id, actor_id, actor_name, client_at, recorded_at, versions, origin)
         VALUES ($1, $2, 'dossier.addLabel', $3, $4, 'x', 'X', now(), now(), '{}', 'desk')`,
        [rows[0]!.seq, randomUUID(), JSON.stringify({ id: dossier.id, label: 'slow' }), dossier.id],
      );
      // This push does all its work, then waits for the clock.
      const pushing = anne.one('dossier.addLabel', { id: dossier.id, label: 'quick' }, dossier.id);
      await waitForLockWait(db);
      const during = await pullEvents(db, admin.principal, { cursor, limit: 100 });
      expect(during).toMatchObject({ cursor, events: [] });
      await other.query('COMMIT');
      expectStatus(await pushing, 'applied');
      const after = await pullAll(admin, during.cursor);
      expect(after.events.map((e) => (e.args as { label: string }).label)).toEqual(['slow', 'quick']);
    } finally {
      await other.end();
      await db.close();
    }
  });
});
