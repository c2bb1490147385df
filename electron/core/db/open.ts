/**
 * Opens the case file, encrypted with its key (cipher.ts). A file that is not a Relais case file,
 * or that comes from a newer Relais, is inspected read-only and refused before a single byte of
 * it is written; a plain one from an earlier Relais is encrypted first (encrypt-plain.ts).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { RelaisError } from '../../../shared/errors';
import { applyCaseFileKey, openKeyedDatabase } from './cipher';
import { encryptPlainCaseFile } from './encrypt-plain';
import { backupBeforeMigration } from '../backup/migration';
import { migrate } from './migrate';
import { RELAIS_APPLICATION_ID } from './migrations/001-case-file';
import { LATEST_SCHEMA_VERSION } from './migrations';

export const CASE_FILE_NAME = 'relais.sqlite';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function caseFilePath(dataDir: string): string {
  return path.join(dataDir, CASE_FILE_NAME);
}

export interface OpenCaseFileOptions {
  /** Create an empty case file when there is none (otherwise 'case_file_missing'). */
  create: boolean;
  /** The case file's key (key-store.ts). */
  key: Buffer;
}

export function openCaseFile(file: string, { create, key }: OpenCaseFileOptions): Database.Database {
  // An empty file (a creation cut short) holds nothing to protect: SQLite sees an empty database.
  if (isPlainCaseFile(file)) {
    refuseUnlessOpenable(file, null);
    encryptPlainCaseFile(file, key);
  } else if (isNonEmptyFile(file)) {
    refuseUnlessOpenable(file, key);
  } else if (!create) {
    throw new RelaisError('case_file_missing', { path: path.dirname(file) });
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
  }
  const db = new Database(file);
  try {
    applyCaseFileKey(db, key);
    configure(db);
    backupBeforeMigration(db, { dataDir: path.dirname(file), key });
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function isNonEmptyFile(file: string): boolean {
  return existsSync(file) && statSync(file).size > 0;
}

/** A case file (or any SQLite file) written without encryption: its header is in clear. */
export function isPlainCaseFile(file: string): boolean {
  return isNonEmptyFile(file) && readHeader(file).equals(SQLITE_HEADER);
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // The search keeps its match set in a temporary table: memory, not a file.
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

interface Inspection {
  version: number;
  applicationId: number;
  schemaObjects: number;
}

function inspectReadOnly(file: string, key: Buffer | null): Inspection {
  const options = { readonly: true, fileMustExist: true };
  const db = key ? openKeyedDatabase(file, key, options) : new Database(file, options);
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      schemaObjects: db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** `key`: null for a plain file; a wrong key reads as a file that is not a case file. */
function refuseUnlessOpenable(file: string, key: Buffer | null): void {
  const corrupt = () => new RelaisError('case_file_corrupt', { path: file });
  let inspection: Inspection;
  try {
    inspection = inspectReadOnly(file, key);
  } catch {
    throw corrupt();
  }
  if (inspection.version > LATEST_SCHEMA_VERSION) {
    throw new RelaisError('case_file_too_new', { found: inspection.version, known: LATEST_SCHEMA_VERSION });
  }
  // Another application's database: migrating it would change it.
  const isRelais = inspection.applicationId === RELAIS_APPLICATION_ID;
  const isEmpty = inspection.applicationId === 0 && inspection.schemaObjects === 0;
  if (!isRelais && !isEmpty) throw corrupt();
}
