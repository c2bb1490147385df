/**
 * 'sync.dsStatus': the hub's Démarches Simplifiées connector, read with this device's token.
 * Only an administrateur's account asks (the hub refuses others anyway); a hub out of reach or a
 * refused token is a state the page explains, not an error. The token never leaves this module
 * but in the request's Authorization header.
 */
import type { DeskDsStatus } from '../../../shared/channels/sync';
import type { DsStatus } from '../../../shared/sync/ds-status';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { readAccount } from './account';
import { HttpTransport, relaisErrorOfHub } from './http-transport';
import { HubRequestError } from './transport';

export interface DsStatusOptions {
  /** The device token, as the session's secret store holds it (null when none). */
  token: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const statements = statementsFor((db) => ({
  // json_each keeps one prepared statement for any list of numbers.
  local: db.prepare<[string], { number: number; id: string }>('SELECT number, id FROM dossier WHERE number IN (SELECT value FROM json_each(?)) ORDER BY number'),
}));

/** A status page should answer fast: a hub that takes longer is treated as out of reach. */
const DS_STATUS_TIMEOUT_MS = 15_000;

export async function readDsStatus(ctx: CoreContext, options: DsStatusOptions): Promise<DeskDsStatus> {
  const account = readAccount(ctx.db);
  if (!account) return { state: 'signed_out' };
  if (account.role !== 'administrateur') return { state: 'not_administrator' };
  const token = options.token();
  if (!token) return { state: 'login_required' };
  const transport = new HttpTransport({ hubUrl: account.hubUrl, token: () => token, fetch: options.fetch, timeoutMs: options.timeoutMs ?? DS_STATUS_TIMEOUT_MS });
  try {
    const status = await transport.dsStatus();
    return { state: 'ready', hubUrl: account.hubUrl, readAt: ctx.clock().toISOString(), status, local: localDossiers(ctx, status) };
  } catch (error) {
    if (error instanceof HubRequestError) {
      if (error.kind === 'network') return { state: 'offline', hubUrl: account.hubUrl };
      if (error.needsLogin) return { state: 'login_required' };
      // The hub no longer counts this user among its administrateurs (the role changed since sign-in).
      if (error.status === 403) return { state: 'not_administrator' };
    }
    throw relaisErrorOfHub(error, account.hubUrl);
  }
}

function localDossiers(ctx: CoreContext, status: DsStatus): { number: number; id: string }[] {
  const numbers = new Set([...status.pushes.map((push) => push.number), ...status.errors.flatMap((error) => (error.number === null ? [] : [error.number]))]);
  return statements(ctx.db).local.all(JSON.stringify([...numbers]));
}
