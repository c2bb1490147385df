/**
 * The hub token on the desktop: encrypted with Electron's safeStorage (the system keychain's key:
 * Keychain, DPAPI, libsecret/kwallet) in a 0600 file of the data folder.
 */
import { safeStorage } from 'electron';
import { FileSecretStore } from '../core/sync/secret-store';

export function safeStorageSecrets(dataDir: string): FileSecretStore {
  return new FileSecretStore(dataDir, 'hub-token.enc', {
    encode: (secret) => safeStorage.encryptString(secret),
    decode: (stored) => safeStorage.decryptString(stored),
  });
}
