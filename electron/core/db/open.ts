/**
 * Opens the case file. A file that is not a Relais case file, or that comes from a newer
 * Relais, is inspected read-only and refused before a single byte of it is written.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { RelaisError } from '../../../shared/errors';
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
}

export function openCaseFile(file: string, { create }: OpenCaseFileOptions): Database.Database {
  // An empty file (a creation cut short) holds nothing to protect: SQLite sees an empty database.
  if (isNonEmptyFile(file)) {
    refuseUnlessOpenable(file);
  } else if (!create) {
    throw new RelaisError('case_file_missing', { path: path.dirname(file) });
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
  }
  const db = new Database(file);
  try {
    configure(db);
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

function inspectReadOnly(file: string): Inspection {
  const db = new Database(file, { readonly: true, fileMustExist: true });
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

function refuseUnlessOpenable(file: string): void {
  const corrupt = () => new RelaisError('case_file_corrupt', { path: file });
  if (!readHeader(file).equals(SQLITE_HEADER)) throw corrupt();
  let inspection: Inspection;
  try {
    inspection = inspectReadOnly(file);
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
