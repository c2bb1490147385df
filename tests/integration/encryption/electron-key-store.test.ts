/**
 * The desktop's key store (electron/main/case-file-key.ts) with Electron's safeStorage and dialog
 * stood in for (the binary is absent here): a keychain seals the key file; without one
 * ('basic_text'), the user is asked once, in their language, and the answer is kept; a refusal
 * keeps the plain 0600 key file; a key filed plain by the CLI is sealed once a keychain seals.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CASE_FILE_KEY_BYTES } from '../../../electron/core/db/cipher';
import { keyFileStore } from '../../../electron/core/db/key-store';

const keychain = vi.hoisted(() => ({ backend: 'gnome_libsecret', available: true, secret: Buffer.alloc(32, 7), answers: [] as number[], asked: [] as string[] }));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString(text: string) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', keychain.secret, iv);
      return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final()]);
    },
    decryptString(sealed: Buffer) {
      const decipher = createDecipheriv('aes-256-cbc', keychain.secret, sealed.subarray(0, 16));
      return Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]).toString('utf8');
    },
  },
  dialog: {
    showMessageBoxSync(options: { message: string; buttons: string[] }) {
      keychain.asked.push(`${options.message} | ${options.buttons.join(' / ')}`);
      return keychain.answers.shift() ?? 0;
    },
  },
}));

const { safeStorageCaseFileKeys } = await import('../../../electron/main/case-file-key');

let keyDir: string;
const id = '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b';
const key = randomBytes(CASE_FILE_KEY_BYTES);

beforeEach(() => {
  keyDir = mkdtempSync(path.join(os.tmpdir(), 'relais-electron-keys-'));
  Object.assign(keychain, { backend: 'gnome_libsecret', available: true, answers: [], asked: [] });
});
afterEach(() => rmSync(keyDir, { recursive: true, force: true }));

describe("the desktop's case file key store", () => {
  it('seals the key file with the keychain: no key bytes in it, none readable without the keychain', () => {
    const store = safeStorageCaseFileKeys('fr', keyDir);
    store.save(id, key);
    const file = store.locate(id);
    expect(file).toBe(path.join(keyDir, `${id}.safe-key`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = readFileSync(file);
    expect(sealed.includes(key)).toBe(false);
    expect(sealed.includes(key.toString('hex'))).toBe(false);
    expect(safeStorageCaseFileKeys('fr', keyDir).load(id)).toEqual(key);
    expect(keychain.asked).toEqual([]);
    keychain.secret = randomBytes(32);
    expect(() => safeStorageCaseFileKeys('fr', keyDir).load(id)).toThrow('case_file_key_unreadable');
  });

  it('seals a key the CLI filed plain, and removes the plain file', () => {
    keyFileStore(keyDir).save(id, key);
    expect(safeStorageCaseFileKeys('en', keyDir).load(id)).toEqual(key);
    expect(existsSync(path.join(keyDir, `${id}.key`))).toBe(false);
    expect(existsSync(path.join(keyDir, `${id}.safe-key`))).toBe(true);
  });

  it("with only 'basic_text', asks once in the user's language and keeps the plain key file on a refusal", () => {
    keychain.backend = 'basic_text';
    keychain.answers = [0];
    const store = safeStorageCaseFileKeys('fr', keyDir);
    store.save(id, key);
    expect(keychain.asked).toHaveLength(1);
    expect(keychain.asked[0]).toContain('trousseau');
    expect(keychain.asked[0]).toContain('Garder le fichier de clé lisible par mon compte');
    expect(readFileSync(path.join(keyDir, `${id}.key`), 'utf8').trim()).toBe(key.toString('hex'));
    expect(safeStorageCaseFileKeys('fr', keyDir).load(id)).toEqual(key);
    expect(keychain.asked).toHaveLength(1);
  });

  it("with only 'basic_text' and the user's consent, seals with it from then on", () => {
    keychain.backend = 'basic_text';
    keychain.answers = [1];
    keyFileStore(keyDir).save(id, key);
    expect(safeStorageCaseFileKeys('en', keyDir).load(id)).toEqual(key);
    expect(keychain.asked[0]).toContain('keychain');
    expect(existsSync(path.join(keyDir, `${id}.safe-key`))).toBe(true);
    expect(safeStorageCaseFileKeys('en', keyDir).load(id)).toEqual(key);
    expect(keychain.asked).toHaveLength(1);
  });
});
