/**
 * Encrypts a case file an earlier Relais left plain. The encrypted copy is made beside it and
 * renamed over it only once complete and flushed: a run cut short at any point leaves the plain
 * case file as it was, and the next open starts again.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { syncDirectory, syncFile } from '../durable-files';
import { CASE_FILE_KEY_BYTES, rekeyCaseFile } from './cipher';

export function encryptPlainCaseFile(file: string, key: Buffer): void {
  if (key.byteLength !== CASE_FILE_KEY_BYTES) throw new Error(`A case file key is ${CASE_FILE_KEY_BYTES} bytes`);
  const copy = `${file}.encrypting`;
  removeWithJournals(copy);
  copyPlain(file, copy);
  rekey(copy, key);
  syncFile(copy);
  // Out of WAL mode the plain file has no WAL left to replay over the encrypted one.
  rmSync(`${file}-shm`, { force: true });
  renameSync(copy, file);
  syncDirectory(path.dirname(file));
}

/** A consistent plain copy; leaving WAL mode needs the only connection, so a busy file is refused here. */
function copyPlain(file: string, copy: string): void {
  const plain = new Database(file, { fileMustExist: true });
  try {
    plain.pragma('busy_timeout = 5000');
    plain.pragma('journal_mode = DELETE');
    plain.prepare('VACUUM INTO ?').run(copy);
  } finally {
    plain.close();
  }
  if (existsSync(`${file}-wal`)) throw new Error(`${file} is open in another process: close it and try again`);
}

/** SQLite3MC encrypts in place only out of WAL mode; the copy goes back to WAL once keyed. */
function rekey(copy: string, key: Buffer): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    rekeyCaseFile(db, key);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

function removeWithJournals(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

