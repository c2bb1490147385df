import { Encrypter } from 'age-encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';
import { RelaisError } from '../../../shared/errors';
import type { BlobStore } from '../blobs/store';
import { CASE_FILE_KEY_BYTES, openKeyedDatabase, rekeyCaseFile } from '../db/cipher';
import { syncDirectory } from '../durable-files';
import {
  CASE_FILE_ENTRY,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  MANIFEST_ENTRY,
  MIN_PASSPHRASE_LENGTH,
  type ExportManifest,
  type TransferProgress,
} from './export-format';
import { verifyKeyedCopy } from './verify';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ExportSource {
  db: Database;
  key: Buffer;
  blobs: BlobStore;
  relaisVersion: string;
  now?: Date;
}

export interface ExportResult {
  file: string;
  sizeBytes: number;
  blobCount: number;
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new RelaisError('export_passphrase_weak', { min: MIN_PASSPHRASE_LENGTH });
}

/** Writes the export to `to` (aside first, then renamed: a cut-short export never looks whole). */
export async function exportCaseFile(
  source: ExportSource,
  to: string,
  passphrase: string,
  onProgress: (progress: TransferProgress) => void = () => {},
): Promise<ExportResult> {
  checkPassphrase(passphrase);
  const work = mkdtempSync(path.join(os.tmpdir(), 'relais-export-'));
  const partial = `${to}.${randomBytes(6).toString('hex')}.partial`;
  try {
    const exportKey = randomBytes(CASE_FILE_KEY_BYTES);
    const copy = path.join(work, CASE_FILE_ENTRY);
    const schemaVersion = snapshotUnderKey(source, copy, exportKey);
    const blobs = blobHashes(source.blobs.root);
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_FORMAT_VERSION,
      exportedAt: (source.now ?? new Date()).toISOString(),
      relaisVersion: source.relaisVersion,
      schemaVersion,
      caseFileKey: exportKey.toString('hex'),
      blobCount: blobs.length,
    };
    const archive = tarPack();
    const packing = fillArchive(archive, manifest, copy, blobs, source.blobs, onProgress);
    // Its failure is awaited below; until then it must not count as an unhandled rejection.
    packing.catch(() => {});
    const encrypter = new Encrypter();
    encrypter.setPassphrase(passphrase);
    const encrypted = await encrypter.encrypt(Readable.toWeb(Readable.from(archive)) as ReadableStream<Uint8Array>);
    await writeStream(encrypted, partial);
    await packing;
    renameSync(partial, to);
    syncDirectory(path.dirname(path.resolve(to)));
    return { file: to, sizeBytes: statSync(to).size, blobCount: blobs.length };
  } finally {
    rmSync(partial, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** A consistent copy of the case file, then rekeyed with the export's own key. */
function snapshotUnderKey(source: ExportSource, copy: string, exportKey: Buffer): number {
  source.db.prepare('VACUUM INTO ?').run(copy);
  const db = openKeyedDatabase(copy, source.key);
  try {
    db.pragma('journal_mode = DELETE');
    rekeyCaseFile(db, exportKey);
  } finally {
    db.close();
  }
  return verifyKeyedCopy(copy, exportKey, CASE_FILE_ENTRY).schemaVersion;
}

function blobHashes(root: string): string[] {
  if (!existsSync(root)) return [];
  const hashes: string[] = [];
  for (const prefix of readdirSync(root)) {
    const dir = path.join(root, prefix);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (SHA256_HEX.test(name) && name.startsWith(prefix)) hashes.push(name);
  }
  return hashes.sort();
}

async function fillArchive(
  archive: Pack,
  manifest: ExportManifest,
  caseFile: string,
  hashes: string[],
  blobs: BlobStore,
  onProgress: (progress: TransferProgress) => void,
): Promise<void> {
  try {
    const caseFileSize = statSync(caseFile).size;
    const totalBytes = caseFileSize + hashes.reduce((sum, sha256) => sum + blobSize(blobs, sha256), 0);
    let doneBytes = 0;
    await addEntry(archive, MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)));
    await addFile(archive, CASE_FILE_ENTRY, caseFile, caseFileSize);
    doneBytes += caseFileSize;
    onProgress({ doneBytes, totalBytes });
    for (const sha256 of hashes) {
      // Read back through the store: the bytes are decrypted and checked against their hash.
      const bytes = blobs.read(sha256);
      await addEntry(archive, `blobs/${sha256}`, bytes);
      doneBytes += blobSize(blobs, sha256);
      onProgress({ doneBytes, totalBytes });
    }
    archive.finalize();
  } catch (error) {
    archive.destroy(error as Error);
    throw error;
  }
}

/** The stored (encrypted) file's size: progress counts in those, so it ends at exactly 100 %. */
function blobSize(blobs: BlobStore, sha256: string): number {
  return statSync(path.join(blobs.root, sha256.slice(0, 2), sha256)).size;
}

function addEntry(archive: Pack, name: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    archive.entry({ name, size: bytes.byteLength, mode: 0o600, mtime: new Date(0) }, bytes, (error) => (error ? reject(error) : resolve()));
  });
}

function addFile(archive: Pack, name: string, file: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = archive.entry({ name, size, mode: 0o600, mtime: new Date(0) }, (error) => (error ? reject(error) : resolve()));
    createReadStream(file).on('error', reject).pipe(entry);
  });
}

async function writeStream(stream: ReadableStream<Uint8Array>, file: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
