/**
 * The hub's schema on PostgreSQL and on PGlite: migrations recorded once, a newer database refused,
 * and the rules the database itself holds (one signed verdict per dossier, decided states final,
 * events append-only) refusing direct SQL too.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { HubSchemaTooNewError } from '../../../server/db/migrate';
import { HUB_MIGRATIONS } from '../../../server/db/migrations';
import { openHubDatabase } from '../../../server/db/open';
import { hubIdOf } from '../../../server/hub-meta';
import { freshDatabaseUrl, HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';

async function insertDossier(db: HubDatabase, state = 'en_instruction'): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO hub_dossier (id, number, territory_id, region_code, state) VALUES ($1, 1, 'ti-0001', '44', $2)`, [id, state]);
  return id;
}

describe.each(HUB_DATABASE_KINDS)('hub database on %s', (kind) => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
  });
  afterAll(() => db.close());

  it('records every migration once, with a hub id', async () => {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM hub_migration ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
    expect(await hubIdOf(db)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a second signed verdict on a dossier, even by direct SQL', async () => {
    const dossier = await insertDossier(db);
    const insert = (type: string, state: string) =>
      db.query('INSERT INTO hub_decision (id, dossier_id, type, state, version) VALUES ($1, $2, $3, $4, 1)', [randomUUID(), dossier, type, state]);
    await insert('attribution', 'signee');
    await insert('accuse-reception', 'signee');
    await insert('refus', 'brouillon');
    await expect(insert('refus', 'signee')).rejects.toThrow(/hub_decision_one_verdict/);
    await expect(insert('sans-suite', 'signee')).rejects.toThrow(/hub_decision_one_verdict/);
  });

  it('keeps a decided dossier decided', async () => {
    const dossier = await insertDossier(db, 'accepte');
    await expect(db.query(`UPDATE hub_dossier SET state = 'en_instruction' WHERE id = $1`, [dossier])).rejects.toThrow(/state is final/);
    await db.query(`UPDATE hub_dossier SET assigned_email = 'a@b.fr' WHERE id = $1`, [dossier]);
    const open = await insertDossier(db);
    await db.query(`UPDATE hub_dossier SET state = 'refuse' WHERE id = $1`, [open]);
    await expect(db.query(`UPDATE hub_dossier SET state = 'accepte' WHERE id = $1`, [open])).rejects.toThrow(/state is final/);
  });

  it('never changes nor deletes an event', async () => {
    await db.query(
      `INSERT INTO hub_event (seq, mutation_id, name, args, actor_id, actor_name, client_at, recorded_at, versions, origin)
       VALUES (1000, $1, 'x', '{}', 'a', 'A', now(), now(), '{}', 'hub')`,
      [randomUUID()],
    );
    await expect(db.query(`UPDATE hub_event SET name = 'y' WHERE seq = 1000`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM hub_event WHERE seq = 1000')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE hub_event')).rejects.toThrow(/append-only/);
  });
});

describe('reopening a PGlite hub folder', () => {
  it('keeps its id and refuses a database written by a newer hub', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-hub-'));
    try {
      const first = await openHubDatabase({ dataDir });
      const hubId = await hubIdOf(first);
      await first.close();
      const second = await openHubDatabase({ dataDir });
      expect(await hubIdOf(second)).toBe(hubId);
      await second.query(`INSERT INTO hub_migration (version, name) VALUES (99, 'from the future')`);
      await second.close();
      const error = await openHubDatabase({ dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubSchemaTooNewError);
      expect((error as Error).message).toMatch(/schema version 99.*newer Relais hub/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('hub processes starting together on one PostgreSQL database', () => {
  it('migrate it once, taking turns', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const hubs = await Promise.all([1, 2, 3].map(() => openHubDatabase({ databaseUrl })));
    try {
      const { rows } = await hubs[0]!.query<{ version: number }>('SELECT version FROM hub_migration ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
      const ids = await Promise.all(hubs.map((hub) => hubIdOf(hub)));
      expect(new Set(ids).size).toBe(1);
    } finally {
      await Promise.all(hubs.map((hub) => hub.close()));
    }
  });
});
