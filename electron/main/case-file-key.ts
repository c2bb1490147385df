/**
 * The case file's key on the desktop: the key file of the key directory, sealed with Electron's
 * safeStorage (Keychain, DPAPI, libsecret/kwallet). On Linux without a keychain safeStorage falls
 * back to 'basic_text', a fixed password: used only if the user agrees (asked once, the answer
 * kept in the key directory, outside the case file); otherwise the plain 0600 key file, as the
 * browser host and the CLI keep it, and the dialog says so.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dialog, safeStorage } from 'electron';
import { createTranslator } from '../../shared/i18n/translator';
import { type CaseFileKeyStore, defaultKeyDir, keyFileStore, type KeySealing } from '../core/db/key-store';

const CONSENT_FILE = 'basic-text-consent.json';

const SAFE_STORAGE_SEALING: KeySealing = {
  suffix: '.safe-key',
  seal: (key) => safeStorage.encryptString(key.toString('hex')),
  unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'hex'),
};

/** Call once the app is ready: safeStorage knows only then which backend answers. */
export function safeStorageCaseFileKeys(language: 'fr' | 'en', keyDir: string = defaultKeyDir()): CaseFileKeyStore {
  const plain = keyFileStore(keyDir);
  if (!canSeal(language, keyDir)) return plain;
  const sealed = keyFileStore(keyDir, SAFE_STORAGE_SEALING);
  return {
    locate: sealed.locate,
    save: sealed.save,
    load(id) {
      const found = sealed.load(id);
      if (found) return found;
      // A key filed plain (by the CLI, the browser host, or before consent) is sealed from now on.
      const key = plain.load(id);
      if (key) {
        sealed.save(id, key);
        rmSync(plain.locate(id));
      }
      return key;
    },
  };
}

function canSeal(language: 'fr' | 'en', keyDir: string): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text') return true;
  return basicTextConsent(language, keyDir);
}

/** The user's answer about 'basic_text', asked once and remembered beside the keys. */
function basicTextConsent(language: 'fr' | 'en', keyDir: string): boolean {
  const file = path.join(keyDir, CONSENT_FILE);
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { basicText: boolean }).basicText;
  const { t } = createTranslator(language);
  const answer = dialog.showMessageBoxSync({
    type: 'question',
    title: t('caseFileKey.basicTextTitle'),
    message: t('caseFileKey.basicTextMessage'),
    detail: t('caseFileKey.basicTextDetail', { keyDir }),
    buttons: [t('caseFileKey.basicTextRefuse'), t('caseFileKey.basicTextAccept')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  const basicText = answer === 1;
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify({ basicText })}\n`, { mode: 0o600 });
  return basicText;
}
