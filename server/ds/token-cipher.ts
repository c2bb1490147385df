/**
 * The DS token at rest: AES-256-GCM under a key kept in a file beside the hub's configuration,
 * never in the database, so that a copy of the database (a backup, a dump) does not give the token
 * away. A random IV per write; the stored bytes are version, IV, tag, then the ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Names the key file; else `$XDG_CONFIG_HOME/relais-hub/hub.key` (~/.config when unset). */
export const KEY_FILE_VARIABLE = 'RELAIS_HUB_KEY_FILE';

const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds the ciphertext to its use: the same key cannot be made to decrypt something else as a token. */
const AAD = Buffer.from('relais-hub ds token v1');

export type DsKeyProblem = 'missing' | 'unreadable' | 'wrong';

/** The token cannot be read back; the administrator has to configure it again (the message says so). */
export class DsTokenKeyError extends Error {
  constructor(
    readonly problem: DsKeyProblem,
    readonly keyFile: string,
  ) {
    const why = {
      missing: `the key file ${keyFile} does not exist`,
      unreadable: `the key file ${keyFile} cannot be read or is not a key`,
      wrong: `the key file ${keyFile} is not the one the token was encrypted with`,
    }[problem];
    super(`The DS token cannot be decrypted: ${why}. Configure the token again with "relais hub ds configure".`);
    this.name = 'DsTokenKeyError';
  }
}

export function keyFilePath(keyFile?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (keyFile) return path.resolve(keyFile);
  if (env[KEY_FILE_VARIABLE]) return path.resolve(env[KEY_FILE_VARIABLE]);
  const config = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'relais-hub', 'hub.key');
}

function readKey(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DsTokenKeyError((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable', file);
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new DsTokenKeyError('unreadable', file);
  return key;
}

/** The key, created (0600, in a 0700 folder) when there is none yet. */
function readOrCreateKey(file: string): Buffer {
  try {
    return readKey(file);
  } catch (error) {
    if (!(error instanceof DsTokenKeyError && error.problem === 'missing')) throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  // 'wx': two hubs configuring at once must not each write a key of their own.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKey(file);
    throw error;
  }
  chmodSync(file, 0o600);
  return key;
}

export function encryptToken(token: string, keyFile?: string): Buffer {
  const key = readOrCreateKey(keyFilePath(keyFile));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptToken(stored: Uint8Array, keyFile?: string): string {
  const file = keyFilePath(keyFile);
  const key = readKey(file);
  const bytes = Buffer.from(stored);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw new DsTokenKeyError('wrong', file);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(AAD);
  decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DsTokenKeyError('wrong', file);
  }
}
