/**
 * `relais hub` and its administration commands, spawned as a user runs them: users with one-time
 * codes, the ready line, a folder locked while its hub serves, devices listed and revoked, demo
 * dossiers seeded, a clean stop on SIGTERM and SIGINT; on a PGlite folder and on PostgreSQL (URL from the environment).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL_VARIABLE } from '../../../electron/cli/commands/hub';
import { EnrolResponse, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { freshDatabaseUrl } from '../../fixtures/postgres';
import { relais, runHubProcess, stop, type HubProcess } from '../relais-process';

/** `relais hub`, whose ready line is the only line it prints. */
async function runHub(args: string[], env: NodeJS.ProcessEnv = {}): Promise<HubProcess> {
  const hub = await runHubProcess(args, env);
  expect(hub.stdout()).toBe(`Relais hub ready: ${hub.url}\n`);
  return hub;
}

function addUserJson(args: string[], env: NodeJS.ProcessEnv = {}): { user: { email: string }; code: string; expiresAt: string } {
  const result = relais(['hub', 'user', 'add', ...args, '--json'], 'en', env);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

async function enrol(url: string, email: string, code: string): Promise<EnrolResponse> {
  const response = await fetch(`${url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code, deviceName: 'Portable de Bea', protocol: PROTOCOL_VERSION }),
  });
  expect(response.status).toBe(200);
  return EnrolResponse.parse(await response.json());
}

const me = (url: string, token: string) => fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });

describe('relais hub on a PGlite folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-hub-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds users with one-time codes, serves, keeps its folder to itself, lists and revokes devices', { timeout: 300_000 }, async () => {
    const data = path.join(dir, 'hub');
    const added = addUserJson(['--data', data, '--email', 'bea@example.fr', '--name', 'Béa Roux', '--role', 'instructeur', '--territory', 'ti-0088', '--territory', 'ti-0001']);
    expect(added.user).toMatchObject({ email: 'bea@example.fr', role: 'instructeur', territories: ['ti-0001', 'ti-0088'] });
    expect(added.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

    const again = relais(['hub', 'user', 'add', '--data', data, '--email', 'BEA@example.fr', '--name', 'B', '--role', 'signataire'], 'en');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('The hub already has an account for BEA@example.fr: nothing was added.');

    const hub = await runHub(['--data', data, '--port', '0']);
    const device = await enrol(hub.url, 'bea@example.fr', added.code);
    expect((await me(hub.url, device.token)).status).toBe(200);

    // A second process on the folder of a running hub would corrupt it: refused, nothing done.
    const busy = relais(['hub', 'device', 'list', '--data', data], 'en');
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain(`The hub folder ${data} is already open in another program (process ${hub.child.pid})`);

    expect(await stop(hub.child, 'SIGTERM')).toMatchObject({ code: 0 });

    const listed = relais(['hub', 'device', 'list', '--data', data, '--json'], 'en');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: device.deviceId, name: 'Portable de Bea', userEmail: 'bea@example.fr', revokedAt: null })]);
    const text = relais(['hub', 'device', 'list', '--data', data], 'en');
    expect(text.stdout).toMatch(new RegExp(`^${device.deviceId}  bea@example\\.fr  « Portable de Bea »  active until ${device.expiresAt}  seen on `));

    const revoked = relais(['hub', 'device', 'revoke', '--data', data, device.deviceId], 'en');
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toBe(`Device ${device.deviceId} (“Portable de Bea”, bea@example.fr) revoked: its token opens nothing any more.\n`);
    const unknown = relais(['hub', 'device', 'revoke', '--data', data, 'nope'], 'en');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('The hub knows no device nope: nothing was revoked.');

    const restarted = await runHub(['--data', data, '--port', '0']);
    const answer = await me(restarted.url, device.token);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: 'device_revoked' });
    expect(await stop(restarted.child, 'SIGINT')).toMatchObject({ code: 0 });
  });

  it('refuses --data with --database-url as a usage error, in the user’s language', () => {
    const both = relais(['hub', 'user', 'list', '--data', dir, '--database-url', 'postgres://localhost/x'], 'fr');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('Erreur : l’option --data <dir> ne peut pas être utilisée avec l’option --database-url <url>.');
  });
});

describe('relais hub on PostgreSQL', () => {
  it('takes the database URL from the environment, and is administered while it serves', { timeout: 300_000 }, async () => {
    const env = { [DATABASE_URL_VARIABLE]: await freshDatabaseUrl() };
    const hub = await runHub(['--port', '0'], env);
    try {
      const added = addUserJson(['--email', 'chloe@example.fr', '--name', 'Chloé Petit', '--role', 'signataire', '--territory', 'ti-0088'], env);
      const device = await enrol(hub.url, 'chloe@example.fr', added.code);
      expect(device.user).toMatchObject({ email: 'chloe@example.fr', role: 'signataire', territories: ['ti-0088'] });
      const users = relais(['hub', 'user', 'list', '--json'], 'en', env);
      expect(JSON.parse(users.stdout)).toEqual([device.user]);

      const demo = relais(['hub', 'demo', '--count', '3', '--seed', '7'], 'en', env);
      expect(demo.status).toBe(0);
      expect(demo.stdout).toMatch(/^3 dossiers and \d+ pieces added to the hub in \d+\.\d s\.\n$/);
      const admin = addUserJson(['--email', 'admin@example.fr', '--name', 'Admin', '--role', 'administrateur'], env);
      const { token } = await enrol(hub.url, 'admin@example.fr', admin.code);
      const page = await (await fetch(`${hub.url}/v1/pull`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(page.events.filter((event: { name: string }) => event.name === 'dossier.import')).toHaveLength(3);
    } finally {
      expect(await stop(hub.child, 'SIGTERM')).toMatchObject({ code: 0 });
    }
  });
});
