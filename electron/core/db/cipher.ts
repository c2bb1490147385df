/**
 * The case file's encryption at rest: SQLite3 Multiple Ciphers in its SQLCipher 4 scheme, keyed
 * with a random 256-bit raw key. A raw key (x'…') skips the passphrase KDF, so opening stays
 * instant; the key itself never lives in the case file's folder.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { RelaisError } from '../../../shared/errors';

export const CASE_FILE_KEY_BYTES = 32;

/** The cipher and the raw key given to a `key` or `rekey` pragma. */
function useCaseFileCipher(db: Database.Database, pragma: 'key' | 'rekey', key: Buffer): void {
  if (key.byteLength !== CASE_FILE_KEY_BYTES) throw new Error(`A case file key is ${CASE_FILE_KEY_BYTES} bytes`);
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
}

/** Must run right after the connection opens, before any other statement. */
export function applyCaseFileKey(db: Database.Database, key: Buffer): void {
  useCaseFileCipher(db, 'key', key);
}

/**
 * Encrypts the whole file anew under `key`, whether it was plain or under another key. SQLite3MC
 * rekeys only out of WAL mode: the caller sets the journal mode before and after.
 */
export function rekeyCaseFile(db: Database.Database, key: Buffer): void {
  useCaseFileCipher(db, 'rekey', key);
}

/**
 * Opens an encrypted SQLite file (a case file, a backup) with its key. A wrong key, or a file
 * that is not one, is 'case_file_corrupt': SQLite cannot tell the two apart.
 */
export function openKeyedDatabase(file: string, key: Buffer, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  try {
    applyCaseFileKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new RelaisError('case_file_corrupt', { path: file });
    throw error;
  }
  return db;
}
