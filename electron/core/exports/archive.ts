/**
 * A ZIP built from named files, with a manifest giving the size and SHA-256 of each, so that
 * whoever receives the archive can check that nothing was altered. fflate compresses in worker
 * threads: the main process stays free while a large dossier is packed.
 */
import { zip, type AsyncZippable } from 'fflate';
import { sha256Of } from '../blobs/store';

export interface ArchiveFile {
  /** Folder parts joined with '/', each part already made safe (safe-names.ts). */
  path: string;
  bytes: Uint8Array;
  /** Known already (a blob read from the store is checked against its hash): not computed again. */
  sha256?: string;
}

interface ManifestEntry {
  path: string;
  sizeBytes: number;
  sha256: string;
}

const MANIFEST_NAME = 'manifest.json';

// PDFs, JPEGs and PNGs are compressed already: storing them saves time and loses nothing.
const STORED = /\.(pdf|jpe?g|png|zip|xlsx)$/i;

function manifestOf(files: readonly ArchiveFile[]): ManifestEntry[] {
  return files.map((file) => ({ path: file.path, sizeBytes: file.bytes.byteLength, sha256: file.sha256 ?? sha256Of(file.bytes) }));
}

/** The ZIP of `files` plus manifest.json (`header` and the files' entries), every entry dated `mtime`. */
export function zipWithManifest(files: readonly ArchiveFile[], header: Record<string, unknown>, mtime: Date): Promise<Uint8Array> {
  const manifest = { ...header, files: manifestOf(files) };
  const entries: AsyncZippable = {};
  for (const file of files) entries[file.path] = [file.bytes, { level: STORED.test(file.path) ? 0 : 6, mtime }];
  entries[MANIFEST_NAME] = [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6, mtime }];
  return new Promise((resolve, reject) => {
    zip(entries, { consume: false }, (error, data) => (error ? reject(error) : resolve(data)));
  });
}
