import { Decrypter } from 'age-encryption';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { extract as tarExtract, type Extract } from 'tar-stream';
import { RelaisError } from '../../../shared/errors';
import type { BlobStore } from '../blobs/store';
import { sha256Of } from '../blobs/store';
import { openKeyedDatabase, rekeyCaseFile } from '../db/cipher';
import { BLOB_ENTRY, CASE_FILE_ENTRY, ExportManifest, MANIFEST_ENTRY, type TransferProgress } from './export-format';
import { syncFile } from '../durable-files';
import { replaceCaseFile, stagingPath, type CaseFileHolder, type ReplaceOptions } from './replace';
import { verifyKeyedCopy } from './verify';
import type { BackupInfo } from './folder';

const MAX_MANIFEST_BYTES = 64 * 1024;

export interface ImportTarget {
  dataDir: string;
  /** The key the imported case file is given: the target folder's own. */
  key: Buffer;
  blobs: BlobStore;
}

export interface StagedImport {
  /** The case file, keyed with the target's key, beside the target's case file. */
  staged: string;
  manifest: ExportManifest;
}

/**
 * Reads an export into the target folder: its blobs into the store (content-addressed, so
 * nothing there is replaced), its case file staged beside the case file under the folder's key.
 * A wrong passphrase is 'export_wrong_passphrase'; anything not a whole export 'export_damaged'.
 */
export async function stageImport(
  file: string,
  passphrase: string,
  target: ImportTarget,
  onProgress: (progress: TransferProgress) => void = () => {},
): Promise<StagedImport> {
  if (!existsSync(file)) throw new RelaisError('export_damaged', { path: file });
  const staged = stagingPath(target.dataDir, 'importing');
  try {
    const decrypted = await decrypt(file, passphrase);
    const manifest = await unpack(decrypted, staged, target.blobs, statSync(file).size, onProgress).catch((error: unknown) => {
      if (error instanceof RelaisError) throw error;
      throw new RelaisError('export_damaged', { path: file });
    });
    rekey(staged, Buffer.from(manifest.caseFileKey, 'hex'), target.key, file);
    verifyKeyedCopy(staged, target.key, CASE_FILE_ENTRY);
    return { staged, manifest };
  } catch (error) {
    rmSync(staged, { force: true });
    throw error;
  }
}

/** Imports an export in place of the open case file; the state before is backed up ('before-import'). */
export async function importCaseFile(
  holder: CaseFileHolder,
  file: string,
  passphrase: string,
  options: Omit<ReplaceOptions, 'reason'> & { blobs: BlobStore; onProgress?: (progress: TransferProgress) => void },
): Promise<{ manifest: ExportManifest; before: BackupInfo }> {
  const { staged, manifest } = await stageImport(file, passphrase, { dataDir: holder.dataDir, key: options.key, blobs: options.blobs }, options.onProgress);
  const before = replaceCaseFile(holder, staged, { ...options, reason: 'before-import' });
  return { manifest, before };
}

async function decrypt(file: string, passphrase: string): Promise<ReadableStream<Uint8Array>> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  const source = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  try {
    return await decrypter.decrypt(source);
  } catch (error) {
    // The header's MAC is checked with the file key: a passphrase that unwraps none is the only "no identity" case.
    if (error instanceof Error && /no identity matched/i.test(error.message)) throw new RelaisError('export_wrong_passphrase', { path: file });
    throw new RelaisError('export_damaged', { path: file });
  }
}

async function unpack(
  decrypted: ReadableStream<Uint8Array>,
  staged: string,
  blobs: BlobStore,
  totalBytes: number,
  onProgress: (progress: TransferProgress) => void,
): Promise<ExportManifest> {
  const archive = tarExtract();
  const feeding = feed(decrypted, archive);
  // Its failure is awaited below; until then it must not count as an unhandled rejection.
  feeding.catch(() => {});
  let manifest: ExportManifest | null = null;
  let caseFile = false;
  let doneBytes = 0;
  try {
    for await (const entry of archive) {
      const name = entry.header.name;
      if (!manifest) {
        if (name !== MANIFEST_ENTRY) throw new Error('the manifest comes first');
        manifest = ExportManifest.parse(JSON.parse((await readEntry(entry, MAX_MANIFEST_BYTES)).toString('utf8')));
        continue;
      }
      if (name === CASE_FILE_ENTRY && !caseFile) {
        await writeEntry(entry, staged);
        caseFile = true;
      } else {
        // A name is data: only `blobs/<sha256>` whose bytes hash to it is ever written, by the store.
        const sha256 = BLOB_ENTRY.exec(name)?.[1];
        const bytes = await readEntry(entry, Number.MAX_SAFE_INTEGER);
        if (!sha256 || sha256Of(bytes) !== sha256) throw new Error(`unexpected entry ${name}`);
        blobs.put(bytes);
      }
      doneBytes += entry.header.size ?? 0;
      onProgress({ doneBytes, totalBytes });
    }
    await feeding;
  } catch (error) {
    archive.destroy(error as Error);
    throw error;
  }
  if (!manifest || !caseFile) throw new Error('incomplete export');
  return manifest;
}

/** Streams the plaintext into the tar parser, keeping to its pace; a failure (a damaged chunk) stops it. */
async function feed(source: ReadableStream<Uint8Array>, archive: Extract): Promise<void> {
  try {
    for await (const chunk of source as unknown as AsyncIterable<Uint8Array>) {
      if (!archive.write(Buffer.from(chunk))) {
        await new Promise<void>((resolve) => {
          const go = () => {
            archive.off('drain', go);
            archive.off('close', go);
            resolve();
          };
          archive.on('drain', go);
          archive.on('close', go);
        });
      }
    }
    archive.end(undefined);
  } catch (error) {
    archive.destroy(error as Error);
    throw error;
  }
}

async function readEntry(entry: AsyncIterable<unknown>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of entry) {
    const chunk = piece as Buffer;
    size += chunk.byteLength;
    if (size > limit) throw new Error('entry too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function writeEntry(entry: AsyncIterable<unknown>, file: string): Promise<void> {
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  for await (const chunk of entry) {
    if (!out.write(chunk as Buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  syncFile(file);
}

/** From the export's own key to the target folder's key. */
function rekey(staged: string, exportKey: Buffer, key: Buffer, file: string): void {
  let db;
  try {
    db = openKeyedDatabase(staged, exportKey);
  } catch {
    throw new RelaisError('export_damaged', { path: file });
  }
  try {
    db.pragma('journal_mode = DELETE');
    rekeyCaseFile(db, key);
  } finally {
    db.close();
  }
}
