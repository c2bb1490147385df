/**
 * The channels of synchronisation with the hub: signing in this device (an enrolment code from
 * the administrator), the state of the sync engine with its progress, the changes queued for the
 * hub with their fate, and the inbox of conflicts a person settles.
 */
import { z } from 'zod';
import { defineChannels, NoArguments } from './channel';
import { Id, IsoDateTime, TerritoryId } from '../domain/dossier';
import { DsStatus } from '../sync/ds-status';
import { EnrolmentCode, HubRole, RejectReason } from '../sync/protocol';

export const HubUrl = z
  .url({ protocol: /^https?$/, message: 'expected an http(s) address' })
  .max(500);

export const SyncAccount = z.strictObject({
  hubUrl: HubUrl,
  hubId: Id,
  deviceId: Id,
  /** The hub user's id: the desk's journal names its actor as the hub's events do. */
  userId: Id,
  email: z.email(),
  name: z.string(),
  role: HubRole,
  territories: z.array(TerritoryId),
});
export type SyncAccount = z.infer<typeof SyncAccount>;

export const SYNC_PHASES = ['blobs_up', 'push', 'pull', 'blobs_down'] as const;
export const SyncProgress = z.strictObject({
  phase: z.enum(SYNC_PHASES),
  items: z.number().int().min(0),
  itemsTotal: z.number().int().min(0).nullable(),
  bytes: z.number().int().min(0),
  bytesTotal: z.number().int().min(0).nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/**
 * - signed_out: no account on this device;
 * - idle: nothing running, next attempt planned;
 * - syncing: a round is running (see progress);
 * - offline: the hub could not be reached, retried after a delay;
 * - login_required: the hub refused the device's token (expired or revoked); nothing is lost.
 */
export const SYNC_STATES = ['signed_out', 'idle', 'syncing', 'offline', 'login_required'] as const;
export const SyncStateName = z.enum(SYNC_STATES);

export const SyncSummary = z.strictObject({
  pushed: z.number().int().min(0),
  pulled: z.number().int().min(0),
  conflicts: z.number().int().min(0),
  rejected: z.number().int().min(0),
  pending: z.number().int().min(0),
  bytesUp: z.number().int().min(0),
  bytesDown: z.number().int().min(0),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const SyncStatus = z.strictObject({
  account: SyncAccount.nullable(),
  state: SyncStateName,
  progress: SyncProgress.nullable(),
  lastSyncAt: IsoDateTime.nullable(),
  lastSummary: SyncSummary.nullable(),
  /** Why the last round stopped, as an error code of shared/errors with its parameters. */
  lastError: z.strictObject({ code: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  /** Changes waiting or sent, open conflicts, refused changes. */
  pending: z.number().int().min(0),
  conflicts: z.number().int().min(0),
  rejected: z.number().int().min(0),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const OUTBOX_STATES = ['waiting', 'sent', 'applied', 'rejected', 'conflict'] as const;
export const OutboxState = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxItem = z.strictObject({
  clientSeq: z.number().int().min(1),
  mutationId: Id,
  name: z.string(),
  dossierId: Id.nullable(),
  dossierNumber: z.number().int().nullable(),
  createdAt: IsoDateTime,
  state: OutboxState,
  reason: RejectReason.nullable(),
  detail: z.string().nullable(),
  /** A change in conflict once a person settled every key of it: the version they chose. */
  settledWith: z.enum(['mine', 'theirs']).nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/** A key's side in a conflict: its value, and who set it when (null for my side). */
export const ConflictSide = z.strictObject({
  value: z.unknown(),
  by: z.string().nullable(),
  at: IsoDateTime.nullable(),
});

export const SyncConflict = z.strictObject({
  id: Id,
  mutationId: Id,
  name: z.string(),
  dossierId: Id.nullable(),
  dossierNumber: z.number().int().nullable(),
  /** `<entity>:<id>:<field>`; the entity and field name a label (`sync.fields.<entity>.<field>`). */
  key: z.string(),
  entity: z.string(),
  field: z.string().nullable(),
  mine: ConflictSide,
  theirs: ConflictSide,
  createdAt: IsoDateTime,
});
export type SyncConflict = z.infer<typeof SyncConflict>;

/**
 * The hub's Démarches Simplifiées connector as this desk sees it: its status when the account is
 * an administrateur's and the hub answers; otherwise why not (each a state the page explains,
 * never an error): signed out, not an administrateur, the hub out of reach, the token refused.
 */
export const DeskDsStatus = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('signed_out') }),
  z.strictObject({ state: z.literal('not_administrator') }),
  z.strictObject({ state: z.literal('offline'), hubUrl: HubUrl }),
  z.strictObject({ state: z.literal('login_required') }),
  z.strictObject({
    state: z.literal('ready'),
    hubUrl: HubUrl,
    readAt: IsoDateTime,
    status: DsStatus,
    /** The dossiers the status names that this case file holds, to open them from the page. */
    local: z.array(z.strictObject({ number: z.number().int(), id: Id })),
  }),
]);
export type DeskDsStatus = z.infer<typeof DeskDsStatus>;

export const syncChannels = defineChannels({
  'sync.status': {
    kind: 'query',
    args: NoArguments,
    result: SyncStatus,
    description: 'The account of this device, the state of the sync engine, its progress in items and bytes, and what is pending.',
  },
  'sync.login': {
    kind: 'mutation',
    args: z.strictObject({ hubUrl: HubUrl, email: z.email(), code: EnrolmentCode, deviceName: z.string().trim().min(1).max(100).optional() }),
    result: SyncStatus,
    description: 'Enrols this device on a hub with the one-time code an administrator gave; the device token is kept in the system keychain.',
  },
  'sync.logout': {
    kind: 'mutation',
    args: NoArguments,
    result: SyncStatus,
    description: 'Forgets the device token (the case file and its queued changes stay).',
  },
  'sync.now': {
    kind: 'mutation',
    args: NoArguments,
    result: SyncStatus,
    description: 'Starts a sync round now (push then pull) in the sync worker; follow it with sync.status.',
  },
  'sync.outbox': {
    kind: 'query',
    args: z.strictObject({
      states: z.array(OutboxState).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    result: z.strictObject({ items: z.array(OutboxItem), total: z.number().int().min(0) }),
    description: 'The changes queued for the hub, newest first, each with its state: waiting, sent, applied, refused (and why), in conflict.',
  },
  'sync.conflicts': {
    kind: 'query',
    args: NoArguments,
    result: z.array(SyncConflict),
    description: 'The open conflicts: for each field, my value and the hub’s side by side.',
  },
  'sync.resolveConflict': {
    kind: 'mutation',
    args: z.strictObject({ id: Id, choice: z.enum(['mine', 'theirs']) }),
    result: z.void(),
    description: 'Settles a conflict: keep my value (sent again over the hub’s) or take the hub’s. A journaled mutation.',
  },
  'sync.dsStatus': {
    kind: 'query',
    args: NoArguments,
    result: DeskDsStatus,
    description: 'Asks the hub how its Démarches Simplifiées connector stands (administrateur accounts): last run, counts, changes DS refused or to review, recent errors.',
  },
});
