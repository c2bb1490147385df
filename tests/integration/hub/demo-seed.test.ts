/**
 * `seedHubDemo` on PostgreSQL and PGlite: the desktop demo's dossiers, one import event each,
 * every piece they name stored complete; the same seed gives the same dossiers on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubDatabase } from '../../../server/db/database';
import { seedHubDemo, type HubDemoProgress } from '../../../server/demo/seed';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';

const COUNT = 25;

describe('hub demo seed', () => {
  const dbs = new Map<string, HubDatabase>();
  beforeAll(async () => {
    for (const kind of HUB_DATABASE_KINDS) dbs.set(kind, await openTestHubDatabase(kind));
  });
  afterAll(async () => {
    for (const db of dbs.values()) await db.close();
  });

  it('imports the demo dossiers with their pieces, the same ones on PostgreSQL and PGlite', async () => {
    const idsByKind: string[][] = [];
    for (const kind of HUB_DATABASE_KINDS) {
      const db = dbs.get(kind)!;
      const progress: HubDemoProgress[] = [];
      expect(await seedHubDemo(db, { count: COUNT, seed: 3, onProgress: (p) => progress.push(p) })).toMatchObject({ dossiers: COUNT });
      expect(progress.at(-1)).toEqual({ phase: 'dossiers', done: COUNT, total: COUNT });

      const events = await db.query<{ name: string; origin: string; args: DossierImport }>('SELECT name, origin, args FROM hub_event ORDER BY seq');
      expect(events.rows).toHaveLength(COUNT);
      expect(new Set(events.rows.map((e) => `${e.name} ${e.origin}`))).toEqual(new Set(['dossier.import hub']));
      const shas = [...new Set(events.rows.flatMap((e) => e.args.pieces.map((p) => p.sha256)))];
      expect(shas.length).toBeGreaterThan(0);
      const stored = await db.query('SELECT 1 FROM hub_blob WHERE complete AND sha256 = ANY($1::text[])', [shas]);
      expect(stored.rowCount).toBe(shas.length);

      const dossiers = await db.query<{ id: string; territory_id: string; state: string }>('SELECT id, territory_id, state FROM hub_dossier ORDER BY number');
      expect(dossiers.rows).toHaveLength(COUNT);
      expect(new Set(dossiers.rows.map((d) => d.territory_id)).size).toBeGreaterThan(5);
      idsByKind.push(dossiers.rows.map((d) => d.id));
    }
    expect(idsByKind[0]).toEqual(idsByKind[1]);
  });
});
