/**
 * The desk's HTTP transport against the real hub on loopback (PostgreSQL and PGlite): answers
 * checked, the hub's error codes carried, blobs moved in chunks and read from an offset; and
 * against servers that misbehave: no answer in time, an answer off the protocol.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport, relaisErrorOfHub } from '../../../electron/core/sync/http-transport';
import { HubRequestError } from '../../../electron/core/sync/transport';
import { revokeDevice } from '../../../server/users/devices';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { HUB_DATABASE_KINDS } from '../../fixtures/postgres';
import { startTestHub, type TestHub } from './hub';

async function failureOf(call: Promise<unknown>): Promise<HubRequestError> {
  const error = await call.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(HubRequestError);
  return error as HubRequestError;
}

describe.each(HUB_DATABASE_KINDS)('the HTTP transport with a hub on %s', (kind) => {
  let hub: TestHub;
  let transport: HttpTransport;
  let deviceId: string;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    // An administrator, who may read any blob (others read those of dossiers in their scope).
    const { code } = await hub.addUser('transport@example.org', 'administrateur', ['ti-0001']);
    const anonymous = new HttpTransport({ hubUrl: hub.url, token: () => null });
    const enrolled = await anonymous.enrol({ email: 'transport@example.org', code, deviceName: 'Banc', protocol: PROTOCOL_VERSION });
    deviceId = enrolled.deviceId;
    transport = new HttpTransport({ hubUrl: `${hub.url}/`, token: () => enrolled.token });
  });
  afterAll(() => hub.close());

  it('reads the account of the device it signs in as', async () => {
    const me = await transport.me();
    expect(me).toMatchObject({ user: { email: 'transport@example.org', role: 'administrateur' }, device: { id: deviceId, name: 'Banc' } });
  });

  it('carries the hub’s code for a forged token, which asks to sign in again', async () => {
    const forged = new HttpTransport({ hubUrl: hub.url, token: () => 'A'.repeat(43) });
    const error = await failureOf(forged.me());
    expect(error).toMatchObject({ kind: 'http', status: 401, code: 'token_invalid', needsLogin: true, retriable: false });
    expect(error.message).not.toContain('A'.repeat(43));
    expect(relaisErrorOfHub(error, hub.url)).toMatchObject({ code: 'hub_login_required' });
  });

  it('says a desk of an older protocol must be updated', async () => {
    const anonymous = new HttpTransport({ hubUrl: hub.url, token: () => null });
    const error = await failureOf(anonymous.enrol({ email: 'transport@example.org', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', deviceName: 'Vieux', protocol: PROTOCOL_VERSION - 1 }));
    expect(error).toMatchObject({ status: 426, code: 'protocol_outdated' });
    expect(relaisErrorOfHub(error, hub.url)).toMatchObject({ code: 'hub_protocol_outdated' });
  });

  it('moves a blob in chunks, resumes from what the hub holds, and reads it from an offset', async () => {
    const bytes = new Uint8Array(Buffer.from(`Relais ${kind} `.repeat(1_000)));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await transport.blobStatus(sha)).toBeNull();

    const half = Math.floor(bytes.length / 2);
    expect(await transport.putBlob(sha, 0, bytes.length, bytes.subarray(0, half))).toEqual({ sha256: sha, received: half, size: bytes.length, complete: false });
    expect(await transport.blobStatus(sha)).toEqual({ sha256: sha, received: half, size: bytes.length, complete: false });
    const mismatch = await failureOf(transport.putBlob(sha, 0, bytes.length, bytes.subarray(0, 10)));
    expect(mismatch).toMatchObject({ status: 409, code: 'blob_offset_mismatch' });

    expect(await transport.putBlob(sha, half, bytes.length, bytes.subarray(half))).toMatchObject({ received: bytes.length, complete: true });
    expect(Buffer.from(await transport.getBlob(sha)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(await transport.getBlob(sha, 100)).equals(Buffer.from(bytes.subarray(100)))).toBe(true);
  });

  it('is refused with device_revoked once an administrator revoked the device', async () => {
    await revokeDevice(hub.db, deviceId);
    const error = await failureOf(transport.me());
    expect(error).toMatchObject({ status: 401, code: 'device_revoked', needsLogin: true });
  });
});

describe('the HTTP transport with a server that misbehaves', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/v1/me') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"hubId": "not a hub"}');
        return;
      }
      if (request.url === '/v1/pull') {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
        return;
      }
      // Anything else: never answered.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives up on a call not answered in time: a network failure, tried again later', async () => {
    const transport = new HttpTransport({ hubUrl: url, token: () => 'token', timeoutMs: 200 });
    const error = await failureOf(transport.push({ protocol: PROTOCOL_VERSION, appVersion: '0.0.0', items: [] }));
    expect(error).toMatchObject({ kind: 'network', retriable: true });
    expect(error.message).toContain('no answer in time');
    expect(relaisErrorOfHub(error, url)).toMatchObject({ code: 'hub_unreachable', params: { hubUrl: url } });
  });

  it('refuses an answer off the protocol', async () => {
    const error = await failureOf(new HttpTransport({ hubUrl: url, token: () => 'token' }).me());
    expect(error).toMatchObject({ kind: 'http', status: 200, code: null });
    expect(error.message).toContain('does not follow the protocol');
  });

  it('reports an error page that is not the hub’s as a server error to try again', async () => {
    const error = await failureOf(new HttpTransport({ hubUrl: url, token: () => 'token' }).pull({}));
    expect(error).toMatchObject({ kind: 'http', status: 502, code: null, retriable: true });
    expect(relaisErrorOfHub(error, url)).toMatchObject({ code: 'hub_error', params: { status: 502, code: 'unknown' } });
  });
});
