/** A hub on loopback for the desk's sync tests: the real HTTP app on a PostgreSQL or PGlite database, with a clock the test moves. */
import type { AddressInfo } from 'node:net';
import { buildHubApp } from '../../../server/http/app';
import type { HubDatabase } from '../../../server/db/database';
import { addUser, issueEnrolmentCode } from '../../../server/users/users';
import type { HubRole, HubUser } from '../../../shared/sync/protocol';
import { openTestHubDatabase, type HubDatabaseKind } from '../../fixtures/postgres';

export interface TestHub {
  url: string;
  db: HubDatabase;
  /** Moves the hub's clock (token expiry). */
  setNow(instant: Date): void;
  addUser(email: string, role: HubRole, territories?: string[]): Promise<{ user: HubUser; code: string }>;
  newCode(user: HubUser): Promise<string>;
  close(): Promise<void>;
}

export async function startTestHub(kind: HubDatabaseKind, options: { tokenTtlMs?: number } = {}): Promise<TestHub> {
  const db = await openTestHubDatabase(kind);
  let now = new Date();
  const app = buildHubApp({ db, now: () => now, tokenTtlMs: options.tokenTtlMs });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    setNow: (instant) => {
      now = instant;
    },
    addUser: (email, role, territories = []) => addUser(db, { email, name: `Agent ${email.split('@')[0]}`, role, territories }, now),
    newCode: async (user) => (await issueEnrolmentCode(db, user.id, now)).code,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
