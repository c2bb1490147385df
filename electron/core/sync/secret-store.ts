/**
 * Where this device keeps its hub token: never in the case file (it is copied, exported, sent
 * along), never in logs. Electron keeps it encrypted with safeStorage (electron/main); the
 * browser host and the CLI keep it in a file only its owner can read.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SecretStore {
  get(): string | null;
  set(secret: string): void;
  delete(): void;
}

/** The folder of a case file's secrets, beside it in the data folder. */
export function secretsDir(dataDir: string): string {
  return path.join(dataDir, 'secrets');
}

/** The token in `<dataDir>/secrets/hub-token`: folder 0700, file 0600, replaced atomically. */
export class FileSecretStore implements SecretStore {
  readonly file: string;

  constructor(dataDir: string, name = 'hub-token') {
    this.file = path.join(secretsDir(dataDir), name);
  }

  get(): string | null {
    try {
      return fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  set(secret: string): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir keeps the mode of a folder that already exists: tighten it in case it was widened.
    fs.chmodSync(dir, 0o700);
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.rmSync(temporary, { force: true });
    // 'wx' with mode 0600: the bytes are never readable by others, not even for an instant.
    fs.writeFileSync(temporary, secret, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, this.file);
  }

  delete(): void {
    fs.rmSync(this.file, { force: true });
  }
}
