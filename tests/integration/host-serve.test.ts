/**
 * `relais serve` as a real process on a real case file: the ready line, the token, the contract
 * over HTTP, the static renderer with its security headers, and a clean stop on a signal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../electron/core/session';
import { BODY_LIMIT_BYTES, rendererIsBuilt } from '../../electron/host/server';
import { callHost, runUntilReady, stop, type Served } from './relais-process';

/** A raw request, for what fetch will not send (another Host, an unnormalised path). */
interface RawRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string | number>;
  /** Written as is, whatever Content-Length the headers declare. */
  body?: string;
}

/** A request whose every byte the test chooses (Host header, declared length), unlike fetch. */
function rawRequest(port: number, { method = 'GET', path: rawPath, headers = {}, body }: RawRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    if (body === undefined) request.end();
    else request.write(body);
  });
}

const rawGet = (port: number, rawPath: string, host?: string) =>
  rawRequest(port, { path: rawPath, headers: host === undefined ? {} : { host } });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let tmp: string;
let dataDir: string;
let host: Served;

const call = (channel: string, body: unknown, headers?: Record<string, string>) => callHost(host, channel, body, headers);

beforeAll(async () => {
  if (!rendererIsBuilt()) throw new Error('out/renderer is missing: run `npm run build` before these tests');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-host-'));
  dataDir = path.join(tmp, 'case');
  openSession({ dataDir, host: 'cli', create: true }).close();
  host = await runUntilReady(['serve', '--data', dataDir]);
});

afterAll(async () => {
  if (host && host.child.exitCode === null) await stop(host.child, 'SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
});

describe('relais serve', () => {
  it('refuses a call without the token, or with a wrong one, before reading it', async () => {
    const refused: Array<Record<string, string>> = [{}, { authorization: `Bearer ${'A'.repeat(43)}` }, { authorization: host.token }];
    for (const headers of refused) {
      const response = await call('app.info', {}, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('answers a contract call with the token', async () => {
    const response = await call('app.info', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ ok: true, result: { host: 'browser', dossierCount: 0 } });
  });

  it('answers an unknown channel and invalid arguments with envelopes naming them', async () => {
    expect(await (await call('dossiers.destroy', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel', params: { channel: 'dossiers.destroy' } },
    });
    const invalid = await (await call('dossiers.list', { sort: { column: 'colour', direction: 'asc' } })).json();
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(invalid.error.issues.map((issue: { path: string }) => issue.path)).toContain('sort.column');
  });

  it('refuses a body that is not JSON, not JSON-typed or too large', async () => {
    const malformed = await call('app.info', '{"oops"');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });

    const plain = await call('app.info', '{}', { authorization: `Bearer ${host.token}`, 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);

    // Refused from its declared length, before the body is read: the client need not send it all
    // (sending it all races the host's closing of the connection, an EPIPE on a loaded machine).
    const huge = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/call/dossiers.list',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', 'content-length': BODY_LIMIT_BYTES + 1 },
      body: '{"filters":{"query":"',
    });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toEqual({ ok: false, error: { code: 'request_too_large', params: { maxMb: 25 } } });
  });

  it('serves the renderer with the security headers and its own CSP', async () => {
    const response = await fetch(host.origin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    const csp = response.headers.get('content-security-policy') ?? '';
    const declared = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(declared).toBeTruthy();
    expect(csp.startsWith(declared!.replace(/;\s*$/, ''))).toBe(true);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('lists no folder and serves nothing outside the renderer build', async () => {
    expect((await rawGet(host.port, '/assets/')).status).toBe(404);
    for (const escape of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) {
      const response = await rawGet(host.port, escape);
      expect(response.status).not.toBe(200);
      expect(response.body).not.toContain('"name": "relais"');
    }
  });

  it('answers only to its loopback name (no DNS rebinding)', async () => {
    expect((await rawGet(host.port, '/', `attacker.example:${host.port}`)).status).toBe(421);
    expect((await rawGet(host.port, '/', `localhost:${host.port}`)).status).toBe(200);
  });

  it('prints the ready line only, and never the token elsewhere', () => {
    expect(host.stdout()).toBe(`Relais ready: ${host.origin}?token=${host.token}\n`);
    expect(host.stderr()).not.toContain(host.token);
  });

  it('stops cleanly and quickly on SIGTERM, and on SIGINT when started on a given port', async () => {
    const term = await stop(host.child, 'SIGTERM');
    expect(term.code).toBe(0);
    expect(term.ms).toBeLessThan(3000);

    const port = await freePort();
    const again = await runUntilReady(['serve', '--data', dataDir, '--port', String(port)]);
    expect(again.port).toBe(port);
    const interrupted = await stop(again.child, 'SIGINT');
    expect(interrupted.code).toBe(0);
    expect(interrupted.ms).toBeLessThan(3000);
  });
});
