/**
 * The DS connector's status as administrators read it: from the database alone (import state,
 * DS dossiers, the push queue, recent errors), over real HTTP for the administrateur role only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../server/db/database';
import { openHubDatabase } from '../../../server/db/open';
import { recordDsError } from '../../../server/ds/error-log';
import { dsStatus } from '../../../server/ds/status';
import { DS_STATUS_PUSHES, DsStatus } from '../../../shared/sync/ds-status';
import { freshDatabaseUrl } from '../../fixtures/postgres';
import { call, enrolledDevice, listenHub, someUser, type TestHub } from '../hub-http/hub';
import { relais } from '../relais-process';

const ENDPOINT = 'https://www.demarches-simplifiees.fr/api/v2/graphql';

let url: string;
let db: HubDatabase;
let hub: TestHub;

beforeAll(async () => {
  url = await freshDatabaseUrl();
  db = await openHubDatabase({ databaseUrl: url });
  hub = await listenHub({ db });
});
afterAll(async () => {
  await hub.close();
  await db.close();
});

let number = 5000;

async function dsDossier(deleted = false): Promise<number> {
  number += 1;
  await db.query(
    `INSERT INTO ds_dossier (number, demarche, ds_id, relais_id, state, modified_at, champs_modified_at, imported_at, deleted_at)
     VALUES ($1, 42, $2, gen_random_uuid(), 'en_construction', now(), now(), now(), $3)`,
    [number, `RG9zc2llci0${number}`, deleted ? new Date().toISOString() : null],
  );
  return number;
}

async function push(dossier: number, kind: string, state: string, updatedAt: string, lastError: string | null = null): Promise<void> {
  await db.query(
    `INSERT INTO ds_push (event_seq, kind, dossier_id, number, state, payload, last_error, created_at, updated_at)
     VALUES ((SELECT coalesce(max(event_seq), 0) + 1 FROM ds_push), $1, gen_random_uuid(), $2, $3, '{}', $4, $5, $5)`,
    [kind, dossier, state, lastError, updatedAt],
  );
}

describe('DS status', () => {
  it('says the connector is not configured on a new hub, with nothing to count', async () => {
    expect(await dsStatus(db)).toEqual({
      configured: false,
      endpoint: null,
      demarches: [],
      lastRun: null,
      lastSuccessAt: null,
      counts: { dossiers: 0, deleted: 0, pushPending: 0, pushFailed: 0, pushReview: 0 },
      pushes: [],
      errors: [],
    });
  });

  it('counts dossiers and pushes, lists review and failed pushes latest first, the last run and the errors', async () => {
    await db.query(`INSERT INTO ds_config (id, endpoint, token_ciphertext, demarches, mapping, updated_at) VALUES (1, $1, '\\x00', '{42,43}', '{}', now())`, [ENDPOINT]);
    const [a, b, c] = [await dsDossier(), await dsDossier(), await dsDossier(true)];
    await push(a, 'accepter', 'review', '2026-11-20T10:00:00.000Z', 'The applicant changed the dossier after it was instructed: review it before deciding again.');
    await push(b, 'message', 'failed', '2026-11-20T11:00:00.000Z', 'No DS instructeur id for agent@example.fr.');
    await push(b, 'annotations', 'pending', '2026-11-20T11:30:00.000Z');
    await push(a, 'passer_en_instruction', 'done', '2026-11-20T09:00:00.000Z');
    const summary = { imported: 2, updated: 0, deleted: 1, files: 4, messages: 0, avis: 0, errors: 1, pushed: 1, review: 1, failed: 1, pending: 1, startedAt: '2026-11-20T12:00:00.000Z', finishedAt: '2026-11-20T12:01:00.000Z' };
    const lastRun = { startedAt: summary.startedAt, finishedAt: summary.finishedAt, summary, failure: null };
    // The earlier run of démarche 43 was the last without errors; the later one of 42 is the last run.
    await db.query(
      `INSERT INTO ds_import_state (demarche, last_run_at, last_success_at, last_summary) VALUES
         (42, '2026-11-20T12:00:00Z', '2026-11-19T12:01:00Z', $1), (43, '2026-11-19T12:00:00Z', '2026-11-19T12:01:00Z', '{}')`,
      [JSON.stringify(lastRun)],
    );
    await recordDsError(db, { phase: 'import', number: c, message: 'The site’s commune 99999 is in no territory of the programme.' }, new Date('2026-11-20T12:00:30.000Z'));
    await recordDsError(db, { phase: 'push', message: 'DS could not be reached: the next run tries again.' }, new Date('2026-11-20T12:00:40.000Z'));

    const status = await dsStatus(db);
    expect(DsStatus.parse(status)).toEqual(status);
    expect(status).toEqual({
      configured: true,
      endpoint: ENDPOINT,
      demarches: [42, 43],
      lastRun,
      lastSuccessAt: '2026-11-19T12:01:00.000Z',
      counts: { dossiers: 2, deleted: 1, pushPending: 1, pushFailed: 1, pushReview: 1 },
      pushes: [
        { number: b, kind: 'message', state: 'failed', lastError: 'No DS instructeur id for agent@example.fr.', updatedAt: '2026-11-20T11:00:00.000Z' },
        { number: a, kind: 'accepter', state: 'review', lastError: expect.stringContaining('applicant changed'), updatedAt: '2026-11-20T10:00:00.000Z' },
      ],
      errors: [
        { at: '2026-11-20T12:00:40.000Z', phase: 'push', number: null, message: 'DS could not be reached: the next run tries again.' },
        { at: '2026-11-20T12:00:30.000Z', phase: 'import', number: c, message: expect.stringContaining('no territory') },
      ],
    });
  });

  it('lists at most the latest 50 pushes that need a person', async () => {
    const dossier = await dsDossier();
    for (let i = 0; i < DS_STATUS_PUSHES + 5; i++) await push(dossier, 'label_add', 'failed', new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(), `label ${i}`);
    const { pushes, counts } = await dsStatus(db);
    expect(counts.pushFailed).toBe(1 + DS_STATUS_PUSHES + 5);
    expect(pushes).toHaveLength(DS_STATUS_PUSHES);
    expect(pushes[0]!.lastError).toBe(`label ${DS_STATUS_PUSHES + 4}`);
  });

  it('answers GET /v1/admin/ds/status to an administrateur only', async () => {
    const admin = await enrolledDevice(db, hub, someUser('administrateur'));
    const instructeur = await enrolledDevice(db, hub, someUser('instructeur'));
    const signataire = await enrolledDevice(db, hub, someUser('signataire'));

    const answer = await call(hub, 'GET', '/v1/admin/ds/status', { token: admin.token });
    expect(answer.status).toBe(200);
    expect(DsStatus.parse(answer.body)).toEqual(await dsStatus(db));

    for (const other of [instructeur, signataire]) {
      const refused = await call(hub, 'GET', '/v1/admin/ds/status', { token: other.token });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: 'forbidden' });
    }
    expect((await call(hub, 'GET', '/v1/admin/ds/status')).status).toBe(401);
  });

  it('relais hub ds status prints the same answer as JSON, and reads it out in French and English', async () => {
    const json = relais(['hub', 'ds', 'status', '--json', '--database-url', url], 'en');
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    expect(DsStatus.parse(JSON.parse(json.stdout))).toEqual(await dsStatus(db));

    const en = relais(['hub', 'ds', 'status', '--database-url', url], 'en');
    expect(en.status).toBe(0);
    const lines = en.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `Connector: ${ENDPOINT}, démarches 42, 43`,
      'Last run: 2026-11-20T12:00:00.000Z → 2026-11-20T12:01:00.000Z',
      '  2 imported, 0 updated, 1 deleted on DS, 4 files; 1 sent to DS, 1 to review, 1 failed, 1 waiting; 1 errors',
      'Last run with no error: 2026-11-19T12:01:00.000Z',
      'Dossiers from DS: 3 (1 deleted on DS since)',
      `Changes to DS: 1 waiting, 1 to review, ${1 + DS_STATUS_PUSHES + 5} failed`,
    ]);
    expect(en.stdout).toMatch(/^ {2}dossier \d+, label_add: failed on 2026-12-01T00:54:00.000Z — label 54$/m);
    expect(en.stdout).toContain('Recent errors:\n  2026-11-20T12:00:40.000Z (sending to DS): DS could not be reached: the next run tries again.\n');

    const fr = relais(['hub', 'ds', 'status', '--database-url', url], 'fr');
    expect(fr.status).toBe(0);
    expect(fr.stdout).toContain('Dernier passage : 2026-11-20T12:00:00.000Z → 2026-11-20T12:01:00.000Z\n');
    expect(fr.stdout).toContain('Dossiers venus de DS : 3 (1 supprimés depuis sur DS)\n');
    expect(fr.stdout).toMatch(/^ {2}dossier \d+, label_add : en échec le 2026-12-01T00:54:00.000Z — label 54$/m);
  });

  it('relais hub ds status says when the connector is not configured', async () => {
    const empty = await freshDatabaseUrl();
    const { status, stdout } = relais(['hub', 'ds', 'status', '--database-url', empty], 'fr');
    expect(status).toBe(0);
    expect(stdout).toBe('Le connecteur Démarches Simplifiées n’est pas configuré sur ce hub (« relais hub ds configure »).\n');
  });
});
