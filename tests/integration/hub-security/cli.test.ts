/**
 * `relais hub --trust-proxy <addresses>` as an operator runs it behind a TLS proxy: a wrong address
 * is a usage error in the user's language; a hub started with the proxy's address serves only
 * what that proxy forwards from HTTPS. `relais hub device revoke --email` cuts a person off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHubDatabase } from '../../../server/main';
import { authenticate, enrolDevice, listDevices } from '../../../server/users/devices';
import { addUser, issueEnrolmentCode } from '../../../server/users/users';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { relais, runHubProcess, stop } from '../relais-process';

describe('relais hub --trust-proxy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-hub-proxy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses what is not an address or a subnet, in French', () => {
    const refused = relais(['hub', '--data', dir, '--trust-proxy', '127.0.0.1,proxy.example.fr'], 'fr');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Le proxy se donne par ses adresses IP ou sous-réseaux, séparés par des virgules');
  });

  it('serves only HTTPS forwarded by the proxy named', { timeout: 120_000 }, async () => {
    const hub = await runHubProcess(['--data', path.join(dir, 'hub'), '--port', '0', '--trust-proxy', '127.0.0.1,10.0.0.0/24']);
    try {
      const health = (headers: Record<string, string>) => fetch(`${hub.url}/v1/health`, { headers }).then((answer) => answer.status);
      expect(await health({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.7' })).toBe(200);
      expect(await health({})).toBe(403);
    } finally {
      expect(await stop(hub.child, 'SIGTERM')).toMatchObject({ code: 0 });
    }
  });

  it('revokes every device of a person and cancels their unused codes with --email; one of id or --email is required', { timeout: 120_000 }, async () => {
    const data = path.join(dir, 'people');
    const email = 'leaving@example.fr';
    const { tokens, spareCode } = await withHubDatabase({ dataDir: data }, async (db) => {
      const { code } = await addUser(db, { email, name: 'Personne qui part', role: 'instructeur', territories: ['ti-0088'] });
      const first = await enrolDevice(db, { email, code, deviceName: 'Portable', protocol: PROTOCOL_VERSION }, new Date());
      const second = await enrolDevice(db, { email, code: (await issueEnrolmentCode(db, first.user.id)).code, deviceName: 'Tablette', protocol: PROTOCOL_VERSION }, new Date());
      return { tokens: [first.token, second.token], spareCode: (await issueEnrolmentCode(db, first.user.id)).code };
    });

    const revoked = relais(['hub', 'device', 'revoke', '--data', data, '--email', email], 'en');
    expect(revoked.stderr).toBe('');
    expect(revoked.stdout).toBe(`2 devices of ${email} revoked and their unused enrolment codes cancelled: nothing of theirs opens the hub any more.\n`);
    const neither = relais(['hub', 'device', 'revoke', '--data', data], 'fr');
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('Donnez soit l’identifiant d’un appareil, soit --email <adresse>.');

    await withHubDatabase({ dataDir: data }, async (db) => {
      expect((await listDevices(db, email)).every((device) => device.revokedAt !== null)).toBe(true);
      for (const token of tokens) await expect(authenticate(db, token, new Date())).rejects.toMatchObject({ code: 'device_revoked' });
      await expect(enrolDevice(db, { email, code: spareCode, deviceName: 'Autre', protocol: PROTOCOL_VERSION }, new Date())).rejects.toMatchObject({ code: 'enrolment_invalid' });
    });
  });
});
