/**
 * Where this device keeps its hub token: never in the case file (it is copied, exported, sent
 * along), never in logs. The browser host and the CLI keep it in a file only its owner can read;
 * Electron keeps the same file encrypted with safeStorage (electron/main/secret-store.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SecretStore {
  get(): string | null;
  set(secret: string): void;
  delete(): void;
}

/** How the secret is written in its file: as is, or encrypted by the system (Electron's safeStorage). */
export interface SecretCodec {
  encode(secret: string): Buffer;
  decode(stored: Buffer): string;
}

const PLAIN: SecretCodec = {
  encode: (secret) => Buffer.from(secret, 'utf8'),
  decode: (stored) => stored.toString('utf8'),
};

/** The folder of a case file's secrets, beside it in the data folder. */
export function secretsDir(dataDir: string): string {
  return path.join(dataDir, 'secrets');
}

/** The token in `<dataDir>/secrets/<name>`: folder 0700, file 0600, replaced atomically. */
export class FileSecretStore implements SecretStore {
  readonly file: string;

  constructor(
    dataDir: string,
    name = 'hub-token',
    private readonly codec: SecretCodec = PLAIN,
  ) {
    this.file = path.join(secretsDir(dataDir), name);
  }

  get(): string | null {
    let stored: Buffer;
    try {
      stored = fs.readFileSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return this.codec.decode(stored);
  }

  set(secret: string): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir keeps the mode of a folder that already exists: tighten it in case it was widened.
    fs.chmodSync(dir, 0o700);
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.rmSync(temporary, { force: true });
    // 'wx' with mode 0600: the bytes are never readable by others, not even for an instant.
    fs.writeFileSync(temporary, this.codec.encode(secret), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, this.file);
  }

  delete(): void {
    fs.rmSync(this.file, { force: true });
  }
}
