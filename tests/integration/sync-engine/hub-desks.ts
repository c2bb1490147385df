/**
 * The sync engine's world: a real hub (buildHubApp over PGlite, on a loopback port) and desks, each
 * a real case file in its own folder signed in to it as one hub user through the desk's HTTP transport.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import packageJson from '../../../package.json';
import type { CoreContext } from '../../../electron/core/context';
import { dispatch } from '../../../electron/core/dispatch';
import { openSession, type Session } from '../../../electron/core/session';
import { accountActor, login, readAccount } from '../../../electron/core/sync/account';
import { runSyncRound } from '../../../electron/core/sync/engine';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { HttpTransport } from '../../../electron/core/sync/http-transport';
import type { HubTransport } from '../../../electron/core/sync/transport';
import type { SyncAccount, SyncSummary } from '../../../shared/channels/sync';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { HubRole } from '../../../shared/sync/protocol';
import { putBlobChunk } from '../../../server/blobs/store';
import type { HubDatabase } from '../../../server/db/database';
import { buildHubApp, DEFAULT_RATE_LIMITS } from '../../../server/http/app';
import { recordHubEvents } from '../../../server/sync/hub-events';
import { addUser, issueEnrolmentCode, userByEmail } from '../../../server/users/users';
import { openTestHubDatabase } from '../../fixtures/postgres';
import { sha256Of } from '../../../electron/core/blobs/store';

export interface EngineHub {
  db: HubDatabase;
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startHub(): Promise<EngineHub> {
  const db = await openTestHubDatabase('pglite');
  // Every test enrols its own desks: more sign-ins in a minute than a person would make.
  const app = buildHubApp({ db, rateLimits: { ...DEFAULT_RATE_LIMITS, enrolPerAddress: 1_000 } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    db,
    app,
    url,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Dossiers as DS sends them, with the bytes of their pieces, recorded by the hub itself. */
export async function importOnHub(hub: EngineHub, dossiers: readonly DossierImport[], pieces: readonly Uint8Array[] = []): Promise<void> {
  for (const bytes of pieces) await putBlobChunk(hub.db, sha256Of(bytes), 0, bytes.byteLength, bytes);
  await recordHubEvents(hub.db, dossiers.map((dossier) => ({ name: 'dossier.import', args: dossier, at: new Date() })));
}

let people = 0;

/** A desk whose case file is closed and opened again as a restarted laptop's would be. */
export class Desk {
  private session: Session;
  readonly transport: HttpTransport;

  private constructor(
    readonly dataDir: string,
    readonly account: SyncAccount,
    session: Session,
    hub: EngineHub,
    secrets: FileSecretStore,
  ) {
    this.session = session;
    this.transport = new HttpTransport({ hubUrl: hub.url, token: () => secrets.get() });
  }

  /** A user of the hub and a new case file signed in as them. */
  static async enrol(hub: EngineHub, role: HubRole, territories: string[] = ['ti-0088']): Promise<Desk> {
    people += 1;
    const email = `${role}.${people}@example.gouv.fr`;
    const { code } = await addUser(hub.db, { email, name: `${role === 'signataire' ? 'Claire' : 'Camille'} ${people}`, role, territories });
    return Desk.signIn(hub, email, code);
  }

  /** Another device of the same user: a new case file signed in with a new code. */
  static async another(hub: EngineHub, of: Desk): Promise<Desk> {
    const { code } = await issueEnrolmentCode(hub.db, (await userByEmail(hub.db, of.account.email))!.id);
    return Desk.signIn(hub, of.account.email, code);
  }

  private static async signIn(hub: EngineHub, email: string, code: string): Promise<Desk> {
    people += 1;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-engine-'));
    const session = openSession({ dataDir, host: 'cli', create: true });
    const secrets = new FileSecretStore(dataDir);
    const account = await login(session.ctx, secrets, new HttpTransport({ hubUrl: hub.url, token: () => null }), { hubUrl: hub.url, email, code, deviceName: `desk ${people}` });
    return new Desk(dataDir, account, session, hub, secrets);
  }

  get ctx(): CoreContext {
    return this.session.ctx;
  }

  round(transport: HubTransport = this.transport): Promise<SyncSummary> {
    return runSyncRound(this.ctx, transport, { appVersion: packageJson.version, deviceId: this.account.deviceId });
  }

  /** Calls a channel as the desk's screens do; throws with the error when it is refused. */
  async call<C extends ChannelName>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    const envelope = await dispatch(this.session.handlers, channel, args, { validateResults: true });
    if (!envelope.ok) throw new Error(`${channel} refused: ${JSON.stringify(envelope.error)}`);
    return envelope.result as ResultOf<C>;
  }

  /** Closes the case file as it is and opens it again, signed in as before. */
  restart(): void {
    this.session.close();
    this.session = openSession({ dataDir: this.dataDir, host: 'cli' });
    const account = readAccount(this.ctx.db);
    if (!account) throw new Error('the account was lost');
    this.ctx.actor = accountActor(account);
  }

  dispose(): void {
    this.session.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
