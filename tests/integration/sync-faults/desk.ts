/**
 * A desk of the fault tests: a real case file in its own folder, signed in to the hub as one user,
 * whose sync rounds go through a FaultyTransport. A crash closes the case file in the middle of
 * whatever it was doing and opens it again, as a restarted laptop would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import packageJson from '../../../package.json';
import type { CoreContext } from '../../../electron/core/context';
import { dispatch } from '../../../electron/core/dispatch';
import { openSession, type Session } from '../../../electron/core/session';
import { accountActor, login, readAccount } from '../../../electron/core/sync/account';
import { runSyncRound } from '../../../electron/core/sync/engine';
import { HttpTransport } from '../../../electron/core/sync/http-transport';
import { FileSecretStore } from '../../../electron/core/sync/secret-store';
import { HubRequestError } from '../../../electron/core/sync/transport';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import type { SyncAccount, SyncSummary } from '../../../shared/channels/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { DeskCrash, FaultyTransport, type Fault } from '../../fixtures/faulty-transport';

export interface DeskOptions {
  hubUrl: string;
  email: string;
  code: string;
  schedule: readonly Fault[];
  /** How far this desk's clock is from the real one (a laptop set a day off). */
  clockOffsetMs?: number;
}

/** How a round ended: done, stopped by an error the service would retry or ask a sign-in for, or a crash. */
export type RoundOutcome = { kind: 'done'; summary: SyncSummary } | { kind: 'failed'; error: HubRequestError } | { kind: 'crashed'; where: string };

export class TestDesk {
  readonly transport: FaultyTransport;
  private session: Session;
  private readonly secrets: FileSecretStore;
  private crashes = 0;

  private constructor(
    readonly dataDir: string,
    readonly account: SyncAccount,
    session: Session,
    secrets: FileSecretStore,
    schedule: readonly Fault[],
    private readonly clock: () => Date,
  ) {
    this.session = session;
    this.secrets = secrets;
    const http = new HttpTransport({ hubUrl: account.hubUrl, token: () => this.secrets.get() });
    this.transport = new FaultyTransport(http, schedule);
  }

  /** A new case file, signed in with the user's enrolment code (without faults: that is not under test here). */
  static async enrol(options: DeskOptions): Promise<TestDesk> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-desk-'));
    const offset = options.clockOffsetMs ?? 0;
    const clock = () => new Date(Date.now() + offset);
    const session = openSession({ dataDir, host: 'cli', create: true, clock });
    const secrets = new FileSecretStore(dataDir);
    const enrolment = new HttpTransport({ hubUrl: options.hubUrl, token: () => null });
    const account = await login(session.ctx, secrets, enrolment, { hubUrl: options.hubUrl, email: options.email, code: options.code, deviceName: `desk ${options.email}` });
    return new TestDesk(dataDir, account, session, secrets, options.schedule, clock);
  }

  get ctx(): CoreContext {
    return this.session.ctx;
  }

  get crashCount(): number {
    return this.crashes;
  }

  /** Calls a channel as the desk's screens do; a refusal (the screen would show it) is returned, not thrown. */
  async call<C extends ChannelName>(channel: C, args: ArgsOf<C>): Promise<{ ok: true; result: ResultOf<C> } | { ok: false; error: ErrorInfo }> {
    const envelope = await dispatch(this.session.handlers, channel, args, { validateResults: true });
    if (envelope.ok) return { ok: true, result: envelope.result as ResultOf<C> };
    if (envelope.error.code === 'internal') throw new Error(`${channel} failed inside: ${JSON.stringify(envelope.error)}`);
    return { ok: false, error: envelope.error };
  }

  /** One sync round as the service runs it; a crash inside closes and reopens the case file. */
  async round(): Promise<RoundOutcome> {
    try {
      const summary = await runSyncRound(this.ctx, this.transport, { appVersion: packageJson.version, deviceId: this.account.deviceId });
      return { kind: 'done', summary };
    } catch (error) {
      if (error instanceof DeskCrash) {
        this.restart();
        return { kind: 'crashed', where: error.where };
      }
      if (error instanceof HubRequestError) return { kind: 'failed', error };
      throw error;
    }
  }

  /** The process dies and starts again: the case file is closed as it is and opened anew. */
  restart(): void {
    this.crashes += 1;
    this.session.close();
    this.session = openSession({ dataDir: this.dataDir, host: 'cli', clock: this.clock });
    // What the service does when it starts for an account that exists.
    const account = readAccount(this.ctx.db);
    if (!account) throw new Error('the account was lost in a crash');
    this.ctx.actor = accountActor(account);
  }

  dispose(): void {
    this.session.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
