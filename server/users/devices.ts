/**
 * Devices: a desk enrols once with a person's one-time code and receives a token; every later
 * call presents that token. The hub keeps only the token's hash, its expiry and its revocation.
 */
import { v7 as uuidv7 } from 'uuid';
import type { EnrolRequest, EnrolResponse } from '../../shared/sync/protocol';
import type { HubDatabase, Principal, Queryable } from '../db/database';
import { HubError } from '../errors';
import { hubIdOf } from '../hub-meta';
import { DEVICE_TOKEN_PATTERN, newDeviceToken, secretHash } from './secrets';
import { USER_COLUMNS, userOf, type UserRow } from './users';

/** A desk signs in again after this long; an administrator can cut it short by revoking. */
export const DEFAULT_TOKEN_TTL_MS = 90 * 24 * 3600 * 1000;

/** last_seen_at is refreshed at most this often: a busy desk does not write on every call. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface DeviceInfo {
  id: string;
  name: string;
  userEmail: string;
  userName: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

interface DeviceRow {
  id: string;
  name: string;
  user_email: string;
  user_name: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_seen_at: Date | null;
}

/**
 * Trades a one-time code for a device token. A wrong, expired or used code, or one given with
 * another person's address, all get the same answer: nothing tells which codes exist.
 */
export async function enrolDevice(db: HubDatabase, request: EnrolRequest, now: Date, tokenTtlMs = DEFAULT_TOKEN_TTL_MS): Promise<EnrolResponse> {
  const hubId = await hubIdOf(db);
  return db.transaction(async (tx) => {
    // Consuming the code is the UPDATE itself: of two desks racing with one code, one wins.
    const { rows } = await tx.query<UserRow>(
      `UPDATE hub_enrolment e SET used_at = $3
         FROM hub_user u
        WHERE e.code_hash = $1 AND e.user_id = u.id AND lower(u.email) = lower($2)
          AND e.used_at IS NULL AND e.expires_at > $3
        RETURNING ${USER_COLUMNS}`,
      [secretHash(request.code), request.email, now],
    );
    if (!rows[0]) throw new HubError('enrolment_invalid', 401, 'This enrolment code is wrong, expired or already used, or belongs to another address.');
    const user = userOf(rows[0]);
    const token = newDeviceToken();
    const deviceId = uuidv7();
    const expiresAt = new Date(now.getTime() + tokenTtlMs);
    await tx.query('INSERT INTO hub_device (id, user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      deviceId,
      user.id,
      request.deviceName,
      secretHash(token),
      now,
      expiresAt,
    ]);
    return { hubId, deviceId, token, expiresAt: expiresAt.toISOString(), user };
  });
}

/** The user and device a bearer token stands for, or the 401 that says why it opens nothing. */
export async function authenticate(db: Queryable, token: string | undefined, now: Date): Promise<Principal> {
  if (!token) throw new HubError('token_missing', 401, 'This call needs a device token (Authorization: Bearer …).');
  if (!DEVICE_TOKEN_PATTERN.test(token)) throw new HubError('token_invalid', 401, 'This device token is not one the hub gave.');
  const { rows } = await db.query<UserRow & { device_id: string; expires_at: Date; revoked_at: Date | null; last_seen_at: Date | null }>(
    `SELECT d.id AS device_id, d.expires_at, d.revoked_at, d.last_seen_at, ${USER_COLUMNS}
       FROM hub_device d JOIN hub_user u ON u.id = d.user_id
      WHERE d.token_hash = $1`,
    [secretHash(token)],
  );
  const row = rows[0];
  if (!row) throw new HubError('token_invalid', 401, 'This device token is not one the hub gave.');
  if (row.revoked_at) throw new HubError('device_revoked', 401, 'This device was revoked by an administrator: enrol it again with a new code.');
  if (row.expires_at.getTime() <= now.getTime()) throw new HubError('token_expired', 401, 'This device token has expired: enrol the device again.');
  if (!row.last_seen_at || now.getTime() - row.last_seen_at.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db.query('UPDATE hub_device SET last_seen_at = $2 WHERE id = $1', [row.device_id, now]);
  }
  return { user: userOf(row), deviceId: row.device_id };
}

/** Cuts a device off at once: its token opens nothing from now on. Revoking twice keeps the first date. */
export async function revokeDevice(db: Queryable, deviceId: string, now: Date = new Date()): Promise<DeviceInfo> {
  const { rowCount } = await db.query('UPDATE hub_device SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1', [deviceId, now]);
  if (rowCount === 0) throw new HubError('not_found', 404, `No device ${deviceId} on this hub.`);
  const [device] = await selectDevices(db, 'd.id = $1', [deviceId]);
  return device!;
}

/**
 * Cuts a person off at once (someone leaving, an account at risk): every device of theirs is
 * revoked and their unused enrolment codes cancelled, so that no code handed out earlier lets
 * them back in. Returns their devices; null when the hub has no account for that address.
 */
export async function revokeUserDevices(db: HubDatabase, email: string, now: Date = new Date()): Promise<DeviceInfo[] | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM hub_user WHERE lower(email) = lower($1)', [email]);
    if (!rows[0]) return null;
    await tx.query('UPDATE hub_device SET revoked_at = COALESCE(revoked_at, $2) WHERE user_id = $1', [rows[0].id, now]);
    await tx.query('UPDATE hub_enrolment SET expires_at = LEAST(expires_at, $2) WHERE user_id = $1 AND used_at IS NULL', [rows[0].id, now]);
    return listDevices(tx, email);
  });
}

/** Every device, or those of one person, newest first. */
export async function listDevices(db: Queryable, userEmail?: string): Promise<DeviceInfo[]> {
  return userEmail === undefined ? selectDevices(db, 'TRUE', []) : selectDevices(db, 'lower(u.email) = lower($1)', [userEmail]);
}

export async function deviceById(db: Queryable, deviceId: string): Promise<DeviceInfo | null> {
  const [device] = await selectDevices(db, 'd.id = $1', [deviceId]);
  return device ?? null;
}

async function selectDevices(db: Queryable, where: string, params: unknown[]): Promise<DeviceInfo[]> {
  const { rows } = await db.query<DeviceRow>(
    `SELECT d.id, d.name, u.email AS user_email, u.name AS user_name, d.created_at, d.expires_at, d.revoked_at, d.last_seen_at
       FROM hub_device d JOIN hub_user u ON u.id = d.user_id
      WHERE ${where}
      ORDER BY d.created_at DESC, d.id DESC`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    userEmail: row.user_email,
    userName: row.user_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
  }));
}
