/**
 * `relais hub --trust-proxy <addresses>` as an operator runs it behind a TLS proxy: a wrong address
 * is a usage error in the user's language; a hub started with the proxy's address serves only
 * what that proxy forwards from HTTPS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
