import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_FILE_KEY_BYTES, openKeyedDatabase } from '../../electron/core/db/cipher';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { caseFilePath, openCaseFile } from '../../electron/core/db/open';
import { relaisErrorOf } from './fixtures/relais-error';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-open-'));
  file = caseFilePath(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha256Of = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const key = randomBytes(CASE_FILE_KEY_BYTES);


describe('opening the case file', () => {
  it('creates a fresh file at the latest schema with the pragmas of the house', () => {
    const db = openCaseFile(file, { create: true, key });
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('reopens a file and keeps its data', () => {
    const first = openCaseFile(file, { create: true, key });
    first.prepare(`INSERT INTO preference (key, value) VALUES ('language', 'en')`).run();
    first.close();
    const again = openCaseFile(file, { create: false, key });
    try {
      expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
      expect(again.prepare(`SELECT value FROM preference WHERE key = 'language'`).pluck().get()).toBe('en');
    } finally {
      again.close();
    }
  });

  it('says the case file is missing rather than creating one when not asked to', () => {
    const error = relaisErrorOf(() => openCaseFile(file, { create: false, key }));
    expect(error.code).toBe('case_file_missing');
    expect(error.params.path).toBe(dir);
  });

  it('treats an empty file, left by a creation cut short, as no case file yet', () => {
    writeFileSync(file, '');
    expect(relaisErrorOf(() => openCaseFile(file, { create: false, key })).code).toBe('case_file_missing');
    const db = openCaseFile(file, { create: true, key });
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('refuses a file from a newer version and leaves its bytes untouched', () => {
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.prepare('CREATE TABLE tomorrow (x)').run();
    future.close();
    const before = sha256Of(file);
    const error = relaisErrorOf(() => openCaseFile(file, { create: false, key }));
    expect(error.code).toBe('case_file_too_new');
    expect(error.params).toEqual({ found: LATEST_SCHEMA_VERSION + 1, known: LATEST_SCHEMA_VERSION });
    expect(sha256Of(file)).toBe(before);
  });

  it('refuses random bytes as corrupt and leaves them untouched', () => {
    writeFileSync(file, randomBytes(8192));
    const before = sha256Of(file);
    const error = relaisErrorOf(() => openCaseFile(file, { create: true, key }));
    expect(error.code).toBe('case_file_corrupt');
    expect(error.params.path).toBe(file);
    expect(sha256Of(file)).toBe(before);
  });

  it('refuses a SQLite header followed by garbage, untouched', () => {
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(4096)]));
    const before = sha256Of(file);
    expect(relaisErrorOf(() => openCaseFile(file, { create: false, key })).code).toBe('case_file_corrupt');
    expect(sha256Of(file)).toBe(before);
  });

  it("refuses another application's SQLite database, untouched", () => {
    const other = new Database(file);
    other.prepare('CREATE TABLE contacts (name TEXT)').run();
    other.close();
    const before = sha256Of(file);
    expect(relaisErrorOf(() => openCaseFile(file, { create: false, key })).code).toBe('case_file_corrupt');
    expect(sha256Of(file)).toBe(before);
  });

  it('writes the case file encrypted, and a wrong key reads it as no case file, untouched', () => {
    openCaseFile(file, { create: true, key }).close();
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const before = sha256Of(file);
    const error = relaisErrorOf(() => openCaseFile(file, { create: false, key: randomBytes(CASE_FILE_KEY_BYTES) }));
    expect(error.code).toBe('case_file_corrupt');
    expect(sha256Of(file)).toBe(before);
    const unkeyed = new Database(file, { readonly: true });
    expect(() => unkeyed.prepare('SELECT * FROM sqlite_schema').all()).toThrow(/not a database/);
    unkeyed.close();
  });

  it('encrypts a plain case file from an earlier Relais at its first open, keeping its data', () => {
    const earlier = openPlainCaseFile();
    earlier.prepare(`INSERT INTO preference (key, value) VALUES ('language', 'en')`).run();
    earlier.close();
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    openCaseFile(file, { create: false, key }).close();
    expect(readFileSync(file).includes('SQLite format 3')).toBe(false);
    const reopened = openKeyedDatabase(file, key, { readonly: true });
    try {
      expect(reopened.prepare(`SELECT value FROM preference WHERE key = 'language'`).pluck().get()).toBe('en');
      expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reopened.close();
    }
  });
});

/** A case file as a Relais without encryption wrote it: the same schema, no key. */
function openPlainCaseFile(): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db);
  return db;
}
