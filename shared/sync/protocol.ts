/**
 * What the desk and the hub say to each other over HTTP (`/v1/…`), as zod schemas both sides
 * validate: enrolment, push (mutations in client order), pull (events after a cursor) and the
 * shapes of answers and errors. Blobs move as raw bytes (see the routes in server/http).
 */
import { z } from 'zod';
import { Id, IsoDateTime, Sha256, TerritoryId } from '../domain/dossier';

/** Raised on any change a desk of the previous version could not read; older desks are refused. */
export const PROTOCOL_VERSION = 1;

/** Most mutations in one push, most events in one pull page. */
export const MAX_PUSH_ITEMS = 500;
export const MAX_PULL_LIMIT = 1_000;
export const DEFAULT_PULL_LIMIT = 200;
/** A push body above this is refused with 413 before it is parsed. */
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;
/** One PUT of a blob carries at most this many bytes; larger files go in several. */
export const MAX_BLOB_CHUNK_BYTES = 8 * 1024 * 1024;
/** The largest blob the hub accepts (a piece, a photo, a signed act). */
export const MAX_BLOB_BYTES = 200 * 1024 * 1024;

export const HUB_ROLES = ['instructeur', 'signataire', 'administrateur'] as const;
export const HubRole = z.enum(HUB_ROLES);
export type HubRole = z.infer<typeof HubRole>;

export const HubUser = z.strictObject({
  id: Id,
  email: z.email(),
  name: z.string().min(1).max(200),
  role: HubRole,
  territories: z.array(TerritoryId),
});
export type HubUser = z.infer<typeof HubUser>;

/** A one-time enrolment code: 20 characters of Crockford base 32 in groups of four. */
export const EnrolmentCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/, { message: 'expected a code XXXX-XXXX-XXXX-XXXX-XXXX' });

export const EnrolRequest = z.strictObject({
  email: z.email(),
  code: EnrolmentCode,
  deviceName: z.string().trim().min(1).max(100),
  protocol: z.number().int(),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.strictObject({
  hubId: Id,
  deviceId: Id,
  /** Shown once; the hub keeps only its hash. */
  token: z.string().min(40),
  expiresAt: IsoDateTime,
  user: HubUser,
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const MeResponse = z.strictObject({
  hubId: Id,
  user: HubUser,
  device: z.strictObject({ id: Id, name: z.string(), expiresAt: IsoDateTime }),
});
export type MeResponse = z.infer<typeof MeResponse>;

/**
 * The version a change was made from, per field key: the hub's version number the desk last saw,
 * or the id of the desk's own earlier mutation on that key still on its way (edits made in a row).
 */
export const BaseVersion = z.union([z.number().int().min(0), Id]);
export type BaseVersion = z.infer<typeof BaseVersion>;

export const PushItem = z.strictObject({
  mutationId: Id,
  /** The outbox's sequence on this device: items are sent and applied in this order. */
  clientSeq: z.number().int().min(1),
  name: z.string().min(1).max(100),
  /** Checked against the mutation's own schema (shared/sync/mutations) by the hub. */
  args: z.unknown(),
  /** The dossier the desk applied it to (null for the user's own settings). */
  dossierId: Id.nullable(),
  base: z.record(z.string(), BaseVersion),
  /** The desk's clock when the user made the change: recorded, never used for ordering. */
  at: IsoDateTime,
});
export type PushItem = z.infer<typeof PushItem>;

export const PushRequest = z.strictObject({
  protocol: z.number().int(),
  appVersion: z.string().min(1).max(40),
  items: z.array(PushItem).min(1).max(MAX_PUSH_ITEMS),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Why the hub refused a mutation for good (the desk shows it translated: `sync.reasons.<code>`). */
export const REJECT_REASONS = [
  'invalid_args',
  'unknown_mutation',
  'outdated_app',
  'out_of_scope',
  'forbidden_role',
  'entity_exists',
  'entity_missing',
  'entity_other_dossier',
  'decision_wrong_state',
  'dossier_already_decided',
  'dossier_wrong_state',
  'blob_missing',
  /** A sequence number this device already used for another mutation. */
  'sequence_reused',
] as const;
export const RejectReason = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReason>;

export const EventActor = z.strictObject({ id: z.string().min(1), name: z.string() });

/** One change the hub recorded, as pulled by desks (and replayed there through the same mutation). */
export const HubEvent = z.strictObject({
  seq: z.number().int().min(1),
  mutationId: Id,
  name: z.string(),
  args: z.unknown(),
  dossierId: Id.nullable(),
  actor: EventActor,
  /** The author's clock (shown); `recordedAt` is the hub's (ordering is by `seq`). */
  at: IsoDateTime,
  recordedAt: IsoDateTime,
  /** The hub's version of each field key after this change. */
  versions: z.record(z.string(), z.number().int().min(1)),
  /** 'hub': made by the hub itself (an import, a proposal to review again), not by a desk. */
  origin: z.enum(['desk', 'hub']),
  /** The device that pushed it (null for the hub's own), so a desk skips its own changes. */
  deviceId: Id.nullable(),
});
export type HubEvent = z.infer<typeof HubEvent>;

/** A field key's value on the hub, and the event that last set it (null: never set there). */
export const HubFieldState = z.strictObject({
  key: z.string(),
  value: z.unknown(),
  version: z.number().int().min(0),
  event: HubEvent.nullable(),
});
export type HubFieldState = z.infer<typeof HubFieldState>;

export const PushResult = z.discriminatedUnion('status', [
  z.strictObject({ mutationId: Id, status: z.literal('applied'), seq: z.number().int().min(1), versions: z.record(z.string(), z.number().int().min(1)) }),
  z.strictObject({
    mutationId: Id,
    status: z.literal('rejected'),
    reason: RejectReason,
    detail: z.string().max(2_000).optional(),
    /** The hub's values of the keys the mutation touched, so that the desk can show and adopt them. */
    current: z.array(HubFieldState),
  }),
  z.strictObject({
    mutationId: Id,
    status: z.literal('conflict'),
    /** For each stale key: the desk's value (mine) and the hub's (theirs, with the change that set it). */
    conflicts: z.array(z.strictObject({ key: z.string(), mine: z.unknown(), theirs: HubFieldState })).min(1),
  }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.strictObject({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

/** Opaque to desks: `<hubId>:<seq>`; a cursor of another hub is refused (`cursor_foreign`). */
export const Cursor = z.string().regex(/^[0-9a-f-]{36}:\d+$/, { message: 'expected a cursor <hub id>:<number>' });

export const PullQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.strictObject({
  cursor: Cursor,
  events: z.array(HubEvent),
  /** More events wait after this page. */
  more: z.boolean(),
  /** Bytes of blobs the events of this page reference (for the progress bar). */
  blobs: z.array(z.strictObject({ sha256: Sha256, sizeBytes: z.number().int().min(0) })),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** What a PUT of blob bytes answers: how much the hub holds, and whether the blob is verified. */
export const BlobStatus = z.strictObject({ sha256: Sha256, received: z.number().int().min(0), size: z.number().int().min(0), complete: z.boolean() });
export type BlobStatus = z.infer<typeof BlobStatus>;

/** Codes of the hub's HTTP errors; the body is `{ error, message, details? }`. */
export const HUB_ERROR_CODES = [
  'invalid_request',
  'body_too_large',
  'token_missing',
  'token_invalid',
  'token_expired',
  'device_revoked',
  'enrolment_invalid',
  'forbidden',
  'not_found',
  'protocol_outdated',
  'cursor_foreign',
  'blob_offset_mismatch',
  'blob_hash_mismatch',
  'blob_too_large',
  'rate_limited',
  'hub_unavailable',
] as const;
export const HubErrorCode = z.enum(HUB_ERROR_CODES);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const HubErrorBody = z.strictObject({
  error: HubErrorCode,
  /** In English, for logs and administrators; desks translate the code. */
  message: z.string(),
  details: z.unknown().optional(),
});
export type HubErrorBody = z.infer<typeof HubErrorBody>;
