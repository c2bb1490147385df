/**
 * Visit photos through `relais serve` as a real process: the largest accepted photo fits in one
 * call, a larger upload is refused with a sentence naming the limit, before core reads it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { openSession } from '../../electron/core/session';
import { MAX_PHOTO_BYTES } from '../../shared/domain/visit';
import type { Envelope, ErrorInfo } from '../../shared/errors';
import { makeDossier } from './fixtures/core-dossiers';
import { cameraJpeg } from './fixtures/photos';
import { callHost, runUntilReady, stop, type Served } from './relais-process';

let tmp: string;
let host: Served;
let visitId: string;

const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

function errorOf(envelope: Envelope): ErrorInfo | null {
  return envelope.ok ? null : envelope.error;
}

async function call(channel: string, body: unknown): Promise<{ status: number; envelope: Envelope<{ id: string }> }> {
  const response = await callHost(host, channel, body);
  return { status: response.status, envelope: (await response.json()) as Envelope<{ id: string }> };
}

/**
 * Sends only the headers of a POST announcing `body`, and reads the answer: the host must refuse
 * an oversized upload from its announced length alone, before a byte of it is read.
 */
function postHeadersOnly(channel: string, body: unknown): Promise<{ status: number; envelope: Envelope<{ id: string }> }> {
  const length = Buffer.byteLength(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(`${host.origin}api/call/${channel}`),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': length, authorization: `Bearer ${host.token}` } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, envelope: JSON.parse(text) as Envelope<{ id: string }> });
        });
      },
    );
    request.on('error', reject);
    request.flushHeaders();
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-visits-host-'));
  const session = openSession({ dataDir: tmp, host: 'cli', create: true });
  const dossier = makeDossier({ number: 701 });
  importDossiers(session.ctx, [dossier]);
  session.close();
  host = await runUntilReady(['serve', '--data', tmp]);
  const created = (await call('visits.create', { dossierId: dossier.id })).envelope;
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  visitId = created.result.id;
});

afterAll(async () => {
  if (host && host.child.exitCode === null) await stop(host.child, 'SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
});

describe('visit photos over the browser host', () => {
  it('imports a photo sent as base64', async () => {
    const { envelope } = await call('visits.addPhoto', { visitId, name: 'site.jpg', base64: (await cameraJpeg()).toString('base64') });
    expect(envelope).toMatchObject({ ok: true, result: { name: 'site.jpg', width: 40, height: 60 } });
  });

  it('lets a photo of the largest accepted size reach core, and core refuses one byte more', async () => {
    const atLimit = Buffer.concat([JPEG_START, Buffer.alloc(MAX_PHOTO_BYTES - JPEG_START.length)]);
    // It reaches the decoder, which finds no picture after the signature.
    expect(errorOf((await call('visits.addPhoto', { visitId, name: 'max.jpg', base64: atLimit.toString('base64') })).envelope)?.code).toBe('photo_damaged');
    const over = Buffer.concat([atLimit, Buffer.alloc(1)]);
    expect(errorOf((await call('visits.addPhoto', { visitId, name: 'over.jpg', base64: over.toString('base64') })).envelope)).toEqual({
      code: 'photo_too_large',
      params: { name: 'over.jpg', maxMb: 25 },
      issues: [],
    });
  });

  it('refuses a 50 MB upload with request_too_large before reading it', async () => {
    const huge = Buffer.concat([JPEG_START, Buffer.alloc(50 * 1024 * 1024)]);
    const { status, envelope } = await postHeadersOnly('visits.addPhoto', { visitId, name: 'drone.jpg', base64: huge.toString('base64') });
    expect(status).toBe(413);
    expect(envelope).toEqual({ ok: false, error: { code: 'request_too_large', params: { maxMb: 25 } } });
  });
});
