/**
 * Content-addressed files beside the case file: `<dataDir>/blobs/<first 2 hex>/<sha256>`.
 * A path is only ever built from a verified hash, never from a name that came from outside.
 * The name is the SHA-256 of the plain bytes; the file holds them sealed (blob-cipher.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RelaisError } from '../../../shared/errors';
import { writeFileDurably } from '../durable-files';
import { blobKeyFrom, openBlob, sealBlob } from './blob-cipher';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BlobStore {
  /** The `blobs` folder itself. */
  readonly root: string;
  private readonly key: Buffer;

  /** `caseFileKey`: the open case file's key; the blobs' own key derives from it. */
  constructor(dataDir: string, caseFileKey: Buffer) {
    this.root = path.join(dataDir, 'blobs');
    this.key = blobKeyFrom(caseFileKey);
  }

  /** Stores the bytes under their hash; an intact copy already there is kept as is. */
  put(bytes: Uint8Array): StoredBlob {
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    if (!this.holdsIntact(target, sha256)) writeFileDurably(target, sealBlob(this.key, sha256, bytes));
    return { sha256, sizeBytes: bytes.byteLength };
  }

  /**
   * Seals the blobs an earlier Relais stored plain (recognised by their name matching their
   * bytes); each is replaced atomically, so a run cut short is simply run again.
   */
  sealPlainFiles(): number {
    let sealed = 0;
    for (const file of this.storedFiles()) {
      const bytes = readFileSync(file);
      const sha256 = path.basename(file);
      if (sha256Of(bytes) !== sha256) continue;
      writeFileDurably(file, sealBlob(this.key, sha256, bytes));
      sealed += 1;
    }
    return sealed;
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** The bytes of a blob, checked against their hash: a damaged or missing file is 'piece_unreadable'. */
  read(sha256: string, pieceName: string = sha256): Buffer {
    const file = this.pathOf(sha256);
    const bytes = this.openFile(file, sha256);
    if (!bytes) throw new RelaisError('piece_unreadable', { name: pieceName });
    return bytes;
  }

  /** The plain bytes, or null when the file is missing, damaged, not sealed with this key, or not those bytes. */
  private openFile(file: string, sha256: string): Buffer | null {
    let sealed: Buffer;
    try {
      sealed = readFileSync(file);
    } catch {
      return null;
    }
    const bytes = openBlob(this.key, sha256, sealed);
    return bytes && sha256Of(bytes) === sha256 ? bytes : null;
  }

  private storedFiles(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((dir) => readdirSync(path.join(this.root, dir.name)).map((name) => path.join(this.root, dir.name, name)))
      .filter((file) => SHA256_HEX.test(path.basename(file)));
  }

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) {
      throw new RelaisError('invalid_arguments', { details: 'sha256' }, [{ path: 'sha256', message: 'expected a SHA-256 in hexadecimal' }]);
    }
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  private holdsIntact(file: string, sha256: string): boolean {
    return this.openFile(file, sha256) !== null;
  }
}
