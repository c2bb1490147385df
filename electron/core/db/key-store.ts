/**
 * Where a case file's key lives. Never in the case file's folder: a copied folder must reveal
 * nothing. The folder holds only a non-secret id (`relais.key-id`) naming its key in the key
 * directory, so a moved or renamed folder still finds its key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RelaisError } from '../../../shared/errors';
import { writeFileDurably } from '../durable-files';
import { CASE_FILE_KEY_BYTES } from './cipher';

export const KEY_DIR_VARIABLE = 'RELAIS_KEY_DIR';
export const KEY_ID_FILE_NAME = 'relais.key-id';

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** RELAIS_KEY_DIR, else $XDG_CONFIG_HOME/relais-keys, else ~/.config/relais-keys: beside Electron's data folder (~/.config/relais), never inside it. */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[KEY_DIR_VARIABLE]) return path.resolve(env[KEY_DIR_VARIABLE]);
  const config = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'relais-keys');
}

export interface CaseFileKeyStore {
  /** The key filed under this id, or null when there is none. */
  load(id: string): Buffer | null;
  /** Files a new key under a new id; never replaces a key. */
  save(id: string, key: Buffer): void;
  /** Where this id's key lives, for the sentence a person reads when it is missing. */
  locate(id: string): string;
}

/** How a key file's bytes are sealed: as they are (0600 file), or by the OS keychain (Electron). */
export interface KeySealing {
  suffix: string;
  seal(key: Buffer): Buffer;
  unseal(sealed: Buffer): Buffer;
}

export const PLAIN_KEY_SEALING: KeySealing = {
  suffix: '.key',
  seal: (key) => Buffer.from(`${key.toString('hex')}\n`, 'latin1'),
  unseal: (sealed) => Buffer.from(sealed.toString('latin1').trim(), 'hex'),
};

/**
 * Only the key of a case file already open elsewhere in the process: for worker threads that open
 * it again, out of reach of the OS keychain. It files nothing.
 */
export function heldKeyStore(key: Buffer): CaseFileKeyStore {
  return {
    load: () => key,
    save: () => {
      throw new Error('A held key store files no key');
    },
    locate: () => 'memory',
  };
}

/** Key files `<dir>/<id><suffix>`, 0600 in a 0700 folder. */
export function keyFileStore(dir: string = defaultKeyDir(), sealing: KeySealing = PLAIN_KEY_SEALING): CaseFileKeyStore {
  const fileOf = (id: string) => path.join(dir, `${id}${sealing.suffix}`);
  return {
    locate: fileOf,
    load(id) {
      const file = fileOf(id);
      if (!existsSync(file)) return null;
      const unreadable = new RelaisError('case_file_key_unreadable', { path: file });
      let key: Buffer;
      try {
        key = sealing.unseal(readFileSync(file));
      } catch {
        throw unreadable;
      }
      if (key.byteLength !== CASE_FILE_KEY_BYTES) throw unreadable;
      return key;
    },
    save(id, key) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      writeFileDurably(fileOf(id), sealing.seal(key), { mode: 0o600, replace: false });
    },
  };
}

export function keyIdFile(dataDir: string): string {
  return path.join(dataDir, KEY_ID_FILE_NAME);
}

export function readKeyId(dataDir: string): string | null {
  const file = keyIdFile(dataDir);
  if (!existsSync(file)) return null;
  const id = readFileSync(file, 'utf8').trim();
  // The id names a file in the key directory: anything else than a UUID is never used as a path.
  return KEY_ID.test(id) ? id : null;
}

/** The key of the case file in dataDir; 'case_file_key_missing' when it cannot be found. */
export function requireCaseFileKey(dataDir: string, store: CaseFileKeyStore): Buffer {
  const id = readKeyId(dataDir);
  const key = id ? store.load(id) : null;
  if (!key) throw new RelaisError('case_file_key_missing', { path: dataDir, keyFile: id ? store.locate(id) : keyIdFile(dataDir) });
  return key;
}

/**
 * The key of dataDir's case file, made (random) and filed when it has none yet. Only for a folder
 * whose case file is absent or still plain: an encrypted one takes requireCaseFileKey.
 */
export function findOrCreateCaseFileKey(dataDir: string, store: CaseFileKeyStore): Buffer {
  const existing = readKeyId(dataDir);
  const found = existing ? store.load(existing) : null;
  if (found) return found;
  const id = randomUUID();
  const key = randomBytes(CASE_FILE_KEY_BYTES);
  // The key first: an id file never names a key that was not filed.
  store.save(id, key);
  mkdirSync(dataDir, { recursive: true });
  writeFileDurably(keyIdFile(dataDir), Buffer.from(`${id}\n`), { mode: 0o644, replace: true });
  return key;
}
