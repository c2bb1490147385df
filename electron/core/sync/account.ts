/**
 * The hub account of this device: signing in (an enrolment code from the administrator gives a
 * device token, kept in the secret store, never in the case file) and out. Once signed in, the
 * desk acts as the hub user (journal actor) with the hub role (decision workflow).
 */
import os from 'node:os';
import { SyncAccount } from '../../../shared/channels/sync';
import { DeskRole } from '../../../shared/channels/decisions';
import { RelaisError } from '../../../shared/errors';
import { PROTOCOL_VERSION, type EnrolResponse } from '../../../shared/sync/protocol';
import type { Actor, CoreContext } from '../context';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { deskRole, setRole } from '../decisions/desk-settings';
import { defineMutation, runMutation } from '../mutations';
import type { SecretStore } from './secret-store';
import { deleteSyncState, readSyncState, writeSyncState } from './sync-state';
import type { HubTransport } from './transport';

const ACCOUNT_KEY = 'account';
/** The hub this case file exchanged changes with: kept after sign-out, so that it never mixes two hubs. */
const HUB_ID_KEY = 'hub_id';

export function readAccount(db: Database): SyncAccount | null {
  const stored = readSyncState(db, ACCOUNT_KEY);
  return stored === undefined ? null : SyncAccount.parse(JSON.parse(stored));
}

/** The journal's actor for a signed-in desk: the hub user, as the hub names it in its events. */
export function accountActor(account: SyncAccount): Actor {
  return { id: account.userId, name: account.name };
}

const signIn = defineMutation({
  name: 'sync.signIn',
  args: SyncAccount,
  outbox: false,
  apply(ctx, account) {
    const knownHub = readSyncState(ctx.db, HUB_ID_KEY);
    if (knownHub !== undefined && knownHub !== account.hubId) throw new RelaisError('hub_other', { expected: knownHub, found: account.hubId });
    const before = readAccount(ctx.db);
    writeSyncState(ctx.db, ACCOUNT_KEY, JSON.stringify(account));
    writeSyncState(ctx.db, HUB_ID_KEY, account.hubId);
    return { dossierId: null, before: { account: before }, after: { account }, result: account };
  },
});

const signOut = defineMutation({
  name: 'sync.signOut',
  args: SyncAccount.nullable(),
  outbox: false,
  apply(ctx, before) {
    deleteSyncState(ctx.db, ACCOUNT_KEY);
    return { dossierId: null, before: { account: before }, after: { account: null }, result: undefined };
  },
});

export interface LoginRequest {
  hubUrl: string;
  email: string;
  code: string;
  deviceName?: string;
}

/**
 * Enrols this device with a one-time code (`transport` talks to `request.hubUrl`, without a
 * token), keeps the token, and records the account; from then on the desk acts as the hub user.
 */
export async function login(ctx: CoreContext, secrets: SecretStore, transport: HubTransport, request: LoginRequest): Promise<SyncAccount> {
  const enrolled: EnrolResponse = await transport.enrol({
    email: request.email,
    code: request.code,
    deviceName: request.deviceName ?? os.hostname(),
    protocol: PROTOCOL_VERSION,
  });
  const account: SyncAccount = {
    hubUrl: request.hubUrl,
    hubId: enrolled.hubId,
    deviceId: enrolled.deviceId,
    userId: enrolled.user.id,
    email: enrolled.user.email,
    name: enrolled.user.name,
    role: enrolled.user.role,
    territories: enrolled.user.territories,
  };
  // The account first: a case file of another hub is refused before the token is kept.
  runMutation(ctx, signIn, account);
  secrets.set(enrolled.token);
  actAs(ctx, account);
  return account;
}

/** Forgets the token and the account; the case file and its queued changes stay. */
export function logout(ctx: CoreContext, secrets: SecretStore): void {
  secrets.delete();
  const account = readAccount(ctx.db);
  if (account) runMutation(ctx, signOut, account);
}

/** Makes the desk act as the account's user, in its hub role where the desk knows that role. */
export function actAs(ctx: CoreContext, account: SyncAccount): void {
  ctx.actor = accountActor(account);
  const role = DeskRole.safeParse(account.role);
  if (role.success && deskRole(ctx) !== role.data) runMutation(ctx, setRole, { role: role.data });
}

/** The same hub at a new address (the demo hub listens on a port chosen at each start). */
export function rememberHubUrl(ctx: CoreContext, hubUrl: string): void {
  const account = readAccount(ctx.db);
  if (account && account.hubUrl !== hubUrl) runMutation(ctx, signIn, { ...account, hubUrl });
}
