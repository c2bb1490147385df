import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One step of the case file's schema; `version` is the PRAGMA user_version once it has run. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
