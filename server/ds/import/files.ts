/**
 * A dossier's files, fetched while DS's links are fresh (they expire after an hour) and stored as
 * blobs. Each is checked against DS's checksum (base64 MD5, as ActiveStorage gives it): a file
 * that does not match fails its dossier. A file the hub already holds for the same piece (same
 * place, checksum and name) is not downloaded again.
 */
import { createHash } from 'node:crypto';
import { storeWholeBlob } from '../../blobs/store';
import type { HubDatabase } from '../../db/database';
import type { DsClient } from '../client';
import { DsDossierError, type DsFileRef, type StoredFile } from './map-dossier';

export interface FetchedFiles {
  files: Map<string, StoredFile>;
  /** Files downloaded and stored by this call. */
  downloaded: number;
}

/** Downloads what `held` lacks; an expired link throws DsApiError `expired_url` (read the dossier again). */
export async function fetchFiles(
  db: HubDatabase,
  client: DsClient,
  number: number,
  refs: readonly DsFileRef[],
  held: ReadonlyMap<string, StoredFile>,
): Promise<FetchedFiles> {
  const files = new Map<string, StoredFile>();
  let downloaded = 0;
  for (const { pieceId, file } of refs) {
    const known = held.get(pieceId);
    if (known) {
      files.set(pieceId, known);
      continue;
    }
    const bytes = await client.download(file.url);
    const md5 = createHash('md5').update(bytes).digest('base64');
    if (md5 !== file.checksum) {
      throw new DsDossierError(number, `the file « ${file.filename} » does not match the checksum DS gives for it; the next run tries again.`);
    }
    const { sha256, size } = await storeWholeBlob(db, bytes);
    files.set(pieceId, { sha256, size });
    downloaded++;
  }
  return { files, downloaded };
}
