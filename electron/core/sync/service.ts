/**
 * The desk's sync service: holds the account's token, schedules rounds (at start, every minute
 * while the hub answers, at once on `sync.now`), backs off with full jitter while it does not,
 * stops on a refused token until the user signs in again, and reports state and progress.
 * The round itself runs elsewhere (a worker thread in the app, in-process in the CLI): a
 * RoundRunner.
 */
import type { SyncAccount, SyncProgress, SyncStatus, SyncSummary } from '../../../shared/channels/sync';
import { RelaisError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { statementsFor } from '../db/statements';
import { login, logout, readAccount, type LoginRequest } from './account';
import { HttpTransport, relaisErrorOfHub } from './http-transport';
import { FileSecretStore, type SecretStore } from './secret-store';
import { readSyncState, writeSyncState } from './sync-state';

/** What a round needs besides the case file: where the hub is and how this device signs in. */
export interface RoundJob {
  hubUrl: string;
  deviceId: string;
  token: string;
}

/** Runs one round (push then pull); rejects with a RelaisError (hub_unreachable, hub_login_required…). */
export type RoundRunner = (job: RoundJob, onProgress: (progress: SyncProgress) => void) => Promise<SyncSummary>;

export interface SyncServiceOptions {
  secrets: SecretStore;
  runner: RoundRunner;
  /** The draw of the backoff's jitter (tests fix it). */
  random?: () => number;
}

/** Rounds follow each other this far apart while the hub answers. */
export const ROUND_INTERVAL_MS = 60_000;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * "Full jitter": a delay drawn uniformly below a ceiling that doubles from 5 s after each failure
 * in a row, up to 5 minutes, so that desks cut off together do not all come back at once.
 */
export function backoffDelayMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

const LAST_ROUND_KEY = 'last_round';

interface LastRound {
  at: string;
  summary: SyncSummary;
}

const statements = statementsFor((db) => ({
  outboxCounts: db.prepare<[], { state: string; count: number }>('SELECT state, count(*) AS count FROM outbox GROUP BY state'),
  openConflicts: db.prepare<[], number>('SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL').pluck(),
}));

/** Keeps the outcome of a finished round, so that every host (and the next start) shows it. */
export function recordRound(db: Database, at: Date, summary: SyncSummary): void {
  writeSyncState(db, LAST_ROUND_KEY, JSON.stringify({ at: at.toISOString(), summary } satisfies LastRound));
}

function lastRound(db: Database): LastRound | null {
  const stored = readSyncState(db, LAST_ROUND_KEY);
  return stored === undefined ? null : (JSON.parse(stored) as LastRound);
}

/** What the case file holds: the changes still to reach the hub, the fields in conflict, the refused changes. */
export function outboxCounts(db: Database): Pick<SyncStatus, 'pending' | 'conflicts' | 'rejected'> {
  const sql = statements(db);
  const byState = new Map(sql.outboxCounts.all().map((row) => [row.state, row.count]));
  const count = (state: string) => byState.get(state) ?? 0;
  return { pending: count('waiting') + count('sent'), conflicts: sql.openConflicts.get() ?? 0, rejected: count('rejected') };
}

type RunState = 'idle' | 'syncing' | 'offline' | 'login_required';

export class SyncService {
  private state: RunState = 'idle';
  private progress: SyncProgress | null = null;
  private lastError: ErrorInfo | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private nextAttemptAt: Date | null = null;
  private running: Promise<void> | null = null;
  /** A round asked for while one runs: started as soon as it ends. */
  private again = false;
  private started = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncServiceOptions,
  ) {}

  /** Starts scheduling rounds (a host does it once the window or server is up). */
  start(): void {
    this.started = true;
    if (!this.running) this.launch();
  }

  /** Stops planning rounds; a running one goes on to its end (see settled()). */
  stop(): void {
    this.started = false;
    this.clearTimer();
  }

  status(): SyncStatus {
    const account = readAccount(this.ctx.db);
    const last = lastRound(this.ctx.db);
    return {
      account,
      state: account ? this.state : 'signed_out',
      progress: this.state === 'syncing' ? this.progress : null,
      lastSyncAt: last?.at ?? null,
      lastSummary: last?.summary ?? null,
      lastError: account && this.lastError ? { code: this.lastError.code, params: this.lastError.params ?? {} } : null,
      nextAttemptAt: account && this.nextAttemptAt ? this.nextAttemptAt.toISOString() : null,
      ...outboxCounts(this.ctx.db),
    };
  }

  async login(request: LoginRequest): Promise<SyncStatus> {
    const transport = new HttpTransport({ hubUrl: request.hubUrl, token: () => null });
    try {
      await login(this.ctx, this.options.secrets, transport, request);
    } catch (error) {
      throw relaisErrorOfHub(error, request.hubUrl);
    }
    this.state = 'idle';
    this.lastError = null;
    this.failures = 0;
    if (this.started && !this.running) this.launch();
    return this.status();
  }

  logout(): SyncStatus {
    logout(this.ctx, this.options.secrets);
    this.clearTimer();
    this.state = 'idle';
    this.lastError = null;
    return this.status();
  }

  /** Starts a round now (or right after the one running); follow it with status(). */
  syncNow(): SyncStatus {
    if (!readAccount(this.ctx.db)) throw new RelaisError('sync_signed_out');
    if (this.running) this.again = true;
    else this.launch();
    return this.status();
  }

  /** The device token, for the desk's other calls to the hub (the DS status); null when signed out. */
  deviceToken(): string | null {
    return this.options.secrets.get();
  }

  /** Runs a round now and waits for it: its summary, or the error that stopped it (`relais sync`). */
  async roundNow(): Promise<SyncSummary> {
    this.syncNow();
    await this.settled();
    if (this.lastError) throw RelaisError.fromInfo(this.lastError);
    return lastRound(this.ctx.db)!.summary;
  }

  /** Resolves once no round runs (one asked for meanwhile included). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private launch(): void {
    this.clearTimer();
    this.again = false;
    this.running = this.round().finally(() => {
      this.running = null;
      // A round asked for while this one ran goes at once.
      if (this.again) this.launch();
    });
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.nextAttemptAt = new Date(this.ctx.clock().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.launch();
    }, delayMs);
    // A planned round never keeps the process alive on its own.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  /** Never rejects: whatever stops a round (the case file closed meanwhile included) is its failure. */
  private async round(): Promise<void> {
    try {
      const account = readAccount(this.ctx.db);
      if (!account) return;
      const token = this.options.secrets.get();
      if (!token) throw new RelaisError('hub_login_required');
      this.state = 'syncing';
      this.progress = null;
      const summary = await this.options.runner(roundJob(account, token), (progress) => {
        this.progress = progress;
      });
      recordRound(this.ctx.db, this.ctx.clock(), summary);
      this.state = 'idle';
      this.lastError = null;
      this.failures = 0;
      this.planNext(ROUND_INTERVAL_MS);
    } catch (error) {
      this.onFailure(error);
    } finally {
      this.progress = null;
    }
  }

  private onFailure(error: unknown): void {
    this.lastError = toErrorInfo(error);
    if (this.lastError.code === 'hub_login_required') {
      // Nothing more until the user signs in again: each try would be refused the same way.
      this.state = 'login_required';
      this.clearTimer();
      return;
    }
    this.state = this.lastError.code === 'hub_unreachable' ? 'offline' : 'idle';
    this.failures += 1;
    this.planNext(backoffDelayMs(this.failures, this.options.random));
  }

  private planNext(delayMs: number): void {
    if (this.started) this.schedule(delayMs);
    else this.nextAttemptAt = null;
  }
}

function roundJob(account: SyncAccount, token: string): RoundJob {
  return { hubUrl: account.hubUrl, deviceId: account.deviceId, token };
}

const services = new WeakMap<CoreContext, SyncService>();

/** Makes `service` the one the sync channels of this session use (a host does it at start). */
export function attachSyncService(ctx: CoreContext, service: SyncService): SyncService {
  services.set(ctx, service);
  return service;
}

/**
 * The session's sync service; without one attached by the host (`relais call`), a service
 * with the token file of the data folder, which runs rounds only when asked.
 */
export function syncServiceOf(ctx: CoreContext, defaultRunner: () => RoundRunner): SyncService {
  return services.get(ctx) ?? attachSyncService(ctx, new SyncService(ctx, { secrets: new FileSecretStore(ctx.dataDir), runner: defaultRunner() }));
}
