/** A keyed, migrated case file in a fresh folder, as the session opens one, for the backup tests. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '../../../electron/core/blobs/store';
import { CASE_FILE_KEY_BYTES, openKeyedDatabase } from '../../../electron/core/db/cipher';
import { migrate } from '../../../electron/core/db/migrate';
import { caseFilePath } from '../../../electron/core/db/open';

export interface KeyedCaseFile {
  dataDir: string;
  key: Buffer;
  db: Database;
  blobs: BlobStore;
}

export function openKeyedCaseFile(dataDir: string, key: Buffer): Database {
  const db = openKeyedDatabase(caseFilePath(dataDir), key);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function newKeyedCaseFile(prefix = 'relais-backup-'): KeyedCaseFile {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const key = randomBytes(CASE_FILE_KEY_BYTES);
  return { dataDir, key, db: openKeyedCaseFile(dataDir, key), blobs: new BlobStore(dataDir, key) };
}

export function setMarker(db: Database, value: string): void {
  db.prepare("INSERT INTO preference (key, value) VALUES ('backup-test', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(value);
}

export function markerOf(db: Database): string | undefined {
  return db.prepare("SELECT value FROM preference WHERE key = 'backup-test'").pluck().get() as string | undefined;
}
