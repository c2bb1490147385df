/** The people of the hub: added by an administrator, each with a role and a territory scope. */
import { v7 as uuidv7 } from 'uuid';
import { RelaisError } from '../../shared/errors';
import { HubUser } from '../../shared/sync/protocol';
import type { Queryable } from '../db/database';
import { newEnrolmentCode, secretHash } from './secrets';

/** How long a person has to type their enrolment code on a desk. */
export const ENROLMENT_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

export const NewUser = HubUser.omit({ id: true });
export type NewUser = Omit<HubUser, 'id'>;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: HubUser['role'];
  territories: string[];
}

export const USER_COLUMNS = 'u.id, u.email, u.name, u.role, u.territories';

export function userOf(row: UserRow): HubUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, territories: [...row.territories].sort() };
}

/**
 * Adds a user and gives them a one-time enrolment code (shown once, stored hashed). An address
 * already known is refused: one person, one account.
 */
export async function addUser(db: Queryable, input: NewUser, now: Date = new Date()): Promise<{ user: HubUser } & EnrolmentCode> {
  const { email, name, role, territories } = NewUser.parse(input);
  const taken = await db.query('SELECT 1 FROM hub_user WHERE lower(email) = lower($1)', [email]);
  if (taken.rowCount > 0) throw new RelaisError('hub_user_exists', { email });
  const user: HubUser = { id: uuidv7(), email, name, role, territories: [...new Set(territories)].sort() };
  await db.query('INSERT INTO hub_user (id, email, name, role, territories, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    user.id,
    user.email,
    user.name,
    user.role,
    user.territories,
    now,
  ]);
  return { user, ...(await issueEnrolmentCode(db, user.id, now)) };
}

export interface EnrolmentCode {
  /** Shown once to the administrator, who passes it on; the hub keeps its hash. */
  code: string;
  expiresAt: string;
}

/** A new one-time code for a user (a further device, a code that expired before use). */
export async function issueEnrolmentCode(db: Queryable, userId: string, now: Date = new Date()): Promise<EnrolmentCode> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_TTL_MS);
  await db.query('INSERT INTO hub_enrolment (code_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [secretHash(code), userId, now, expiresAt]);
  return { code, expiresAt: expiresAt.toISOString() };
}

export async function listUsers(db: Queryable): Promise<HubUser[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM hub_user u ORDER BY lower(u.email)`);
  return rows.map(userOf);
}

export async function userByEmail(db: Queryable, email: string): Promise<HubUser | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM hub_user u WHERE lower(u.email) = lower($1)`, [email]);
  return rows[0] ? userOf(rows[0]) : null;
}
