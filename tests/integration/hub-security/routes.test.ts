/**
 * Authorization of every route the hub registers, on PostgreSQL and PGlite, over real HTTP. The
 * routes are those Fastify really registers (its onRoute hook): one missing from ROUTES below
 * fails the test, so a new route cannot ship without saying who may call it. For each: no
 * token, a forged one and a revoked device's are refused (401), a role not allowed gets 403;
 * and an instructeur or a signataire of one territory never sees a dossier of another: not in
 * pull, not its pieces' or signed acts' blobs, not its decisions, and cannot change it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { HubDatabase } from '../../../server/db/database';
import { buildHubApp } from '../../../server/http/app';
import { revokeDevice } from '../../../server/users/devices';
import { PROTOCOL_VERSION, PullResponse, type EnrolResponse, type HubRole, type PushItem } from '../../../shared/sync/protocol';
import type { DossierImport } from '../../../shared/domain/dossier';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { decisionContent } from '../fixtures/decisions';
import { pieceOf } from '../fixtures/core-dossiers';
import { call, enrolledDevice, someUser, type TestHub } from '../hub-http/hub';
import { expectStatus, importDossier, NOW, storeBlob, TestDevice } from '../hub/hub-fixture';

const ROLES: HubRole[] = ['instructeur', 'signataire', 'administrateur'];
const EVERYONE = ROLES;
const ADMINISTRATORS: HubRole[] = ['administrateur'];

interface World {
  /** A device of each role, in the Vosges territory (ti-0088). */
  tokens: Record<HubRole, string>;
  /** A blob of a Vosges piece, readable by all three. */
  vosgesBlob: string;
  /** A device that each allowed revocation revokes. */
  spareDeviceId: string;
}

interface Request {
  path: string;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
}

interface RouteRule {
  /** Open routes need no token; the others list the roles that may call them. */
  roles: HubRole[] | 'open';
  request: (world: World, role: HubRole) => Request;
}

const pushOf = (dossierId: string | null, name: string, args: unknown, base: PushItem['base'] = {}) => ({
  protocol: PROTOCOL_VERSION,
  appVersion: '0.1.0',
  items: [{ mutationId: uuidv7(), clientSeq: Date.now() + Math.floor(Math.random() * 1e6), name, args, dossierId, base, at: NOW.toISOString() }],
});

function freshBlob(): Request & { sha256: string } {
  const bytes = randomBytes(32);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { sha256, path: `/v1/blobs/${sha256}?offset=0&size=${bytes.length}`, body: bytes, headers: { 'content-type': 'application/octet-stream' } };
}

/** Every route of the hub, as `METHOD url`: who may call it, and a well-formed call. */
const ROUTES: Record<string, RouteRule> = {
  'GET /v1/health': { roles: 'open', request: () => ({ path: '/v1/health' }) },
  'HEAD /v1/health': { roles: 'open', request: () => ({ path: '/v1/health' }) },
  'POST /v1/enrol': { roles: 'open', request: () => ({ path: '/v1/enrol', json: { email: 'x@example.fr', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', deviceName: 'x', protocol: PROTOCOL_VERSION } }) },
  'GET /v1/me': { roles: EVERYONE, request: () => ({ path: '/v1/me' }) },
  'HEAD /v1/me': { roles: EVERYONE, request: () => ({ path: '/v1/me' }) },
  'POST /v1/admin/devices/:id/revoke': { roles: ADMINISTRATORS, request: (world) => ({ path: `/v1/admin/devices/${world.spareDeviceId}/revoke` }) },
  'POST /v1/push': { roles: EVERYONE, request: () => ({ path: '/v1/push', json: pushOf(null, 'nothing.known', {}) }) },
  'GET /v1/pull': { roles: EVERYONE, request: () => ({ path: '/v1/pull' }) },
  'HEAD /v1/pull': { roles: EVERYONE, request: () => ({ path: '/v1/pull' }) },
  'HEAD /v1/blobs/:sha256': { roles: EVERYONE, request: (world) => ({ path: `/v1/blobs/${world.vosgesBlob}` }) },
  'PUT /v1/blobs/:sha256': { roles: EVERYONE, request: () => freshBlob() },
  'GET /v1/blobs/:sha256': { roles: EVERYONE, request: (world) => ({ path: `/v1/blobs/${world.vosgesBlob}` }) },
  'GET /v1/admin/ds/status': { roles: ADMINISTRATORS, request: () => ({ path: '/v1/admin/ds/status' }) },
  'HEAD /v1/admin/ds/status': { roles: ADMINISTRATORS, request: () => ({ path: '/v1/admin/ds/status' }) },
};

const send = (hub: TestHub, route: string, { path, json, body, headers }: Request, token?: string) =>
  call(hub, route.split(' ')[0]!, path, { token, json, body, headers });

describe.each(HUB_DATABASE_KINDS)('every hub route on %s', (kind) => {
  let db: HubDatabase;
  let app: FastifyInstance;
  let hub: TestHub;
  const registered: string[] = [];
  let world: World;
  let revokedToken: string;
  let vosges: DossierImport;
  let lyon: DossierImport;
  let lyonPieceBlob: string;
  let lyonSignedBlob: string;
  let lyonDecision: string;

  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
    app = buildHubApp({ db, now: () => NOW });
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registered.push(`${method} ${route.url}`);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    hub = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };

    const vosgesBlob = await storeBlob(db);
    vosges = await importDossier(db, { territory: 'vosges', pieces: [pieceOf(vosgesBlob, 'devis-vosges.pdf')] });
    lyonPieceBlob = await storeBlob(db);
    lyon = await importDossier(db, { territory: 'lyon', pieces: [pieceOf(lyonPieceBlob, 'devis-lyon.pdf')] });

    // Lyon's own people draft, propose and sign a decision, whose signed act is a blob.
    const lyonInstructeur = TestDevice.forRole(db, 'instructeur', ['lyon']);
    const lyonSignataire = TestDevice.forRole(db, 'signataire', ['lyon']);
    lyonDecision = uuidv7();
    const at = NOW.toISOString();
    const stateKey = `decision:${lyonDecision}:state`;
    expectStatus(await lyonInstructeur.one('decision.create', { decisionId: lyonDecision, dossierId: lyon.id, content: decisionContent(lyon, 'attribution', '2026-11-20'), at }, lyon.id), 'applied');
    expectStatus(await lyonInstructeur.one('decision.propose', { id: lyonDecision, expectedVersion: 1, at }, lyon.id, { [stateKey]: 0 }), 'applied');
    lyonSignedBlob = await storeBlob(db);
    const signature = { signerName: 'Claire Martin', signerTitle: 'SGAR', signedAt: at, pdfSha256: lyonSignedBlob };
    expectStatus(await lyonSignataire.one('decision.sign', { id: lyonDecision, type: 'attribution', signature }, lyon.id, { [stateKey]: 1 }), 'applied');

    const tokens = {} as Record<HubRole, string>;
    for (const role of ROLES) tokens[role] = (await enrolledDevice(db, hub, someUser(role, role === 'administrateur' ? [] : ['ti-0088']))).token;
    const spare: EnrolResponse = await enrolledDevice(db, hub);
    const revoked = await enrolledDevice(db, hub);
    await revokeDevice(db, revoked.deviceId, NOW);
    revokedToken = revoked.token;
    world = { tokens, vosgesBlob, spareDeviceId: spare.deviceId };
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  it('has a rule for every route it registers, and registers every route of the rules', () => {
    expect(registered.length).toBeGreaterThan(0);
    expect([...new Set(registered)].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('refuses every guarded route without a token, with a forged token and with a revoked device', async () => {
    for (const [route, rule] of Object.entries(ROUTES)) {
      const request = rule.request(world, 'administrateur');
      const isHead = route.startsWith('HEAD');
      const cases: Array<[string | undefined, string]> = [
        [undefined, 'token_missing'],
        [randomBytes(32).toString('base64url'), 'token_invalid'],
        [revokedToken, 'device_revoked'],
      ];
      for (const [token, code] of cases) {
        const answer = await send(hub, route, request, token);
        if (rule.roles === 'open') {
          const error = typeof answer.body === 'object' ? answer.body?.error : undefined;
          expect(['token_missing', 'token_invalid', 'device_revoked'], `${route} is open`).not.toContain(error);
          continue;
        }
        expect(answer.status, `${route} with ${code}`).toBe(401);
        if (!isHead) expect(answer.body, `${route} with ${code}`).toMatchObject({ error: code });
      }
    }
  });

  it('answers 403 to each role a route does not allow, and serves each role it allows', async () => {
    for (const [route, rule] of Object.entries(ROUTES)) {
      if (rule.roles === 'open') continue;
      for (const role of ROLES) {
        const answer = await send(hub, route, rule.request(world, role), world.tokens[role]);
        if (rule.roles.includes(role)) {
          expect(answer.status, `${route} as ${role}`).toBe(200);
        } else {
          expect(answer.status, `${route} as ${role}`).toBe(403);
          if (!route.startsWith('HEAD')) expect(answer.body).toMatchObject({ error: 'forbidden' });
        }
      }
    }
  });

  it('never shows an instructeur or a signataire of the Vosges a dossier of Lyon, its decision or its blobs', async () => {
    for (const role of ['instructeur', 'signataire'] as const) {
      const token = world.tokens[role];
      const seen = new Set<string | null>();
      const blobs = new Set<string>();
      let cursor: string | undefined;
      for (;;) {
        const page = PullResponse.parse((await call(hub, 'GET', `/v1/pull${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token })).body);
        for (const event of page.events) {
          seen.add(event.dossierId);
          expect(JSON.stringify(event.args), role).not.toContain(lyon.id);
        }
        for (const blob of page.blobs) blobs.add(blob.sha256);
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(seen, role).toContain(vosges.id);
      expect(seen, role).not.toContain(lyon.id);
      expect([...blobs], role).toEqual([world.vosgesBlob]);

      expect((await call(hub, 'GET', `/v1/blobs/${world.vosgesBlob}`, { token })).status, role).toBe(200);
      for (const foreign of [lyonPieceBlob, lyonSignedBlob]) {
        const answer = await call(hub, 'GET', `/v1/blobs/${foreign}`, { token, headers: { range: 'bytes=1-' } });
        expect(answer.status, role).toBe(404);
        expect(answer.body).toMatchObject({ error: 'not_found' });
      }
    }

    // Nor can they change it: a label, the decision's next step, all refused as out of their scope.
    const attempts: Array<[HubRole, string, unknown]> = [
      ['instructeur', 'dossier.addLabel', { id: lyon.id, label: 'Vu des Vosges' }],
      ['signataire', 'decision.countersign', { id: lyonDecision, signature: { signerName: 'X', signerTitle: 'Y', signedAt: NOW.toISOString(), pdfSha256: world.vosgesBlob } }],
    ];
    for (const [role, name, args] of attempts) {
      const answer = await call(hub, 'POST', '/v1/push', { token: world.tokens[role], json: pushOf(lyon.id, name, args) });
      expect(answer.status, name).toBe(200);
      expect(answer.body.results[0], name).toMatchObject({ status: 'rejected', reason: 'out_of_scope' });
    }
    const labels = await db.query('SELECT 1 FROM hub_event WHERE dossier_id = $1 AND name = $2', [lyon.id, 'dossier.addLabel']);
    expect(labels.rowCount).toBe(0);
    expect((await db.query<{ state: string }>('SELECT state FROM hub_decision WHERE id = $1', [lyonDecision])).rows[0]).toEqual({ state: 'signee' });
  });

  it('lets the administrator read any blob, and a dossier assigned to a person by address opens its blobs to them', async () => {
    expect((await call(hub, 'GET', `/v1/blobs/${lyonPieceBlob}`, { token: world.tokens.administrateur })).status).toBe(200);
    const assignee = await enrolledDevice(db, hub, someUser('instructeur', ['ti-0001']));
    expect((await call(hub, 'GET', `/v1/blobs/${lyonPieceBlob}`, { token: assignee.token })).status).toBe(404);
    await db.query('UPDATE hub_dossier SET assigned_email = $2 WHERE id = $1', [lyon.id, assignee.user.email]);
    expect((await call(hub, 'GET', `/v1/blobs/${lyonPieceBlob}`, { token: assignee.token })).status).toBe(200);
    await db.query('UPDATE hub_dossier SET assigned_email = NULL WHERE id = $1', [lyon.id]);
  });
});
