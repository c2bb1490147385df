/**
 * Signing a desk in to a real hub over HTTP (PostgreSQL and PGlite): the token kept in a 0600
 * file and nowhere in the case file, the account and the hub user as the desk's actor, a refused
 * code, signing out; a token the hub no longer takes stops the rounds until the user signs in
 * again, with nothing lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseFilePath } from '../../../electron/core/db/open';
import { deskRole } from '../../../electron/core/decisions/desk-settings';
import { HttpTransport, relaisErrorOfHub } from '../../../electron/core/sync/http-transport';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { attachSyncService, SyncService, type RoundRunner } from '../../../electron/core/sync/service';
import { ZERO_SUMMARY } from './summary';
import { HUB_DATABASE_KINDS } from '../../fixtures/postgres';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { startTestHub, type TestHub } from './hub';

/** A round that asks the hub who this device is: a real authenticated call, no sync engine involved. */
const whoAmIRound: RoundRunner = async (job) => {
  try {
    await new HttpTransport({ hubUrl: job.hubUrl, token: () => job.token }).me();
  } catch (error) {
    throw relaisErrorOfHub(error, job.hubUrl);
  }
  return ZERO_SUMMARY;
};

describe.each(HUB_DATABASE_KINDS)('signing a desk in to a hub on %s', (kind) => {
  let hub: TestHub;
  let desk: TestContext;
  let service: SyncService;
  let secrets: FileSecretStore;

  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(() => hub.close());

  beforeEach(() => {
    desk = createTestContext();
    secrets = new FileSecretStore(desk.ctx.dataDir);
    service = attachSyncService(desk.ctx, new SyncService(desk.ctx, { secrets, runner: whoAmIRound }));
  });
  afterEach(() => desk.dispose());

  it('keeps the token in a 0600 file of a 0700 folder, never in the case file, and acts as the hub user', async () => {
    const { user, code } = await hub.addUser(`sig-${kind}@example.org`, 'signataire', ['ti-0001']);
    const status = await desk.call('sync.login', { hubUrl: hub.url, email: `sig-${kind}@example.org`, code, deviceName: 'Portable de test' });

    expect(status.state).toBe('idle');
    expect(status.account).toMatchObject({ hubUrl: hub.url, email: `sig-${kind}@example.org`, role: 'signataire', territories: ['ti-0001'] });
    const token = secrets.get()!;
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(secrets.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(secrets.file)).mode & 0o777).toBe(0o700);

    desk.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of [caseFilePath(desk.ctx.dataDir), `${caseFilePath(desk.ctx.dataDir)}-wal`]) {
      if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(token)).toBe(false);
    }
    // The journal says who signed in, without the token.
    const journal = desk.ctx.db.prepare(`SELECT args, after FROM journal WHERE name = 'sync.signIn'`).get() as { args: string; after: string };
    expect(journal.args).toContain(`sig-${kind}@example.org`);
    expect(`${journal.args}${journal.after}`).not.toContain(token);

    // The journal names the hub user as the hub's events do.
    expect(desk.ctx.actor).toEqual({ id: user.id, name: `Agent sig-${kind}` });
    expect(deskRole(desk.ctx)).toBe('signataire');
    await expect(service.roundNow()).resolves.toEqual(ZERO_SUMMARY);
  });

  it('refuses a wrong code with one sentence, and keeps nothing', async () => {
    await hub.addUser(`wrong-${kind}@example.org`, 'instructeur');
    const failure = await desk.failure('sync.login', { hubUrl: hub.url, email: `wrong-${kind}@example.org`, code: 'ABCD-EFGH-JKMN-PQRS-TVWX' });
    expect(failure.code).toBe('hub_enrolment_refused');
    expect(secrets.get()).toBeNull();
    expect((await desk.call('sync.status', {})).state).toBe('signed_out');
  });

  it('refuses a code already used', async () => {
    const { code } = await hub.addUser(`twice-${kind}@example.org`, 'instructeur');
    await desk.call('sync.login', { hubUrl: hub.url, email: `twice-${kind}@example.org`, code });
    const failure = await desk.failure('sync.login', { hubUrl: hub.url, email: `twice-${kind}@example.org`, code });
    expect(failure.code).toBe('hub_enrolment_refused');
  });

  it('says the hub cannot be reached when nothing listens at its address', async () => {
    const failure = await desk.failure('sync.login', { hubUrl: 'http://127.0.0.1:9', email: 'nobody@example.org', code: 'ABCD-EFGH-JKMN-PQRS-TVWX' });
    expect(failure).toMatchObject({ code: 'hub_unreachable', params: { hubUrl: 'http://127.0.0.1:9' } });
  });

  it('signs out: the token goes, the account goes, the queued changes stay', async () => {
    const { code } = await hub.addUser(`out-${kind}@example.org`, 'instructeur');
    await desk.call('sync.login', { hubUrl: hub.url, email: `out-${kind}@example.org`, code });
    desk.ctx.db.prepare(`INSERT INTO outbox (mutation_id, name, args, created_at) VALUES ('0190a000-0000-7000-8000-000000000001', 'dossier.setFollowed', '{}', '2026-03-15T10:00:00.000Z')`).run();

    const status = await desk.call('sync.logout', {});
    expect(status).toMatchObject({ state: 'signed_out', account: null, pending: 1 });
    expect(fs.existsSync(secrets.file)).toBe(false);
    expect((await desk.failure('sync.now', {})).code).toBe('sync_signed_out');
  });

  it('refuses to sign a case file in to another hub than the one it synced with', async () => {
    const { code } = await hub.addUser(`first-${kind}@example.org`, 'instructeur');
    await desk.call('sync.login', { hubUrl: hub.url, email: `first-${kind}@example.org`, code });
    await desk.call('sync.logout', {});
    const other = await startTestHub('pglite');
    try {
      const { code: otherCode } = await other.addUser('elsewhere@example.org', 'instructeur');
      const failure = await desk.failure('sync.login', { hubUrl: other.url, email: 'elsewhere@example.org', code: otherCode });
      expect(failure.code).toBe('hub_other');
      expect(secrets.get()).toBeNull();
      expect((await desk.call('sync.status', {})).account).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('stops on a token the hub no longer takes, then goes on after a new sign-in with nothing lost', async () => {
    const { user, code } = await hub.addUser(`expired-${kind}@example.org`, 'instructeur');
    await desk.call('sync.login', { hubUrl: hub.url, email: `expired-${kind}@example.org`, code });
    desk.ctx.db.prepare(`INSERT INTO outbox (mutation_id, name, args, created_at) VALUES ('0190a000-0000-7000-8000-000000000002', 'dossier.setFollowed', '{}', '2026-03-15T10:00:00.000Z')`).run();

    // A year later, the token has expired.
    hub.setNow(new Date(Date.now() + 365 * 24 * 3600 * 1000));
    await expect(service.roundNow()).rejects.toMatchObject({ code: 'hub_login_required' });
    const stopped = await desk.call('sync.status', {});
    expect(stopped).toMatchObject({ state: 'login_required', lastError: { code: 'hub_login_required' }, nextAttemptAt: null, pending: 1 });
    expect(stopped.account?.email).toBe(`expired-${kind}@example.org`);

    const again = await desk.call('sync.login', { hubUrl: hub.url, email: `expired-${kind}@example.org`, code: await hub.newCode(user) });
    expect(again).toMatchObject({ state: 'idle', lastError: null, pending: 1 });
    await expect(service.roundNow()).resolves.toEqual(ZERO_SUMMARY);
    expect((await desk.call('sync.status', {})).lastSyncAt).not.toBeNull();
  });
});
