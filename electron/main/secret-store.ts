/**
 * The hub token on the desktop: encrypted with Electron's safeStorage (the system keychain's key:
 * Keychain, DPAPI, libsecret/kwallet) in a 0600 file of the data folder. Without a keychain (a
 * Linux session with no secret service), the 0600 file alone, as the browser host keeps it.
 */
import { safeStorage } from 'electron';
import { FileSecretStore } from '../core/sync/secret-store';

/** Call once the app is ready: safeStorage knows only then whether the keychain answers. */
export function safeStorageSecrets(dataDir: string): FileSecretStore {
  if (!safeStorage.isEncryptionAvailable()) return new FileSecretStore(dataDir);
  return new FileSecretStore(dataDir, 'hub-token.enc', {
    encode: (secret) => safeStorage.encryptString(secret),
    decode: (stored) => safeStorage.decryptString(stored),
  });
}
