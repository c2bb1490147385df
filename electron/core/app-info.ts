/** 'app.info': what the settings page shows about the running host and the case file. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../shared/contract';
import type { CoreContext } from './context';
import { schemaVersion } from './db/migrate';
import { caseFilePath } from './db/open';

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Total size of the files under a folder (the blob store is two levels deep). */
function folderSize(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const child = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(child) : sizeOf(child);
  }
  return total;
}

export function appInfo(ctx: CoreContext): AppInfo {
  const file = caseFilePath(ctx.dataDir);
  return {
    version: ctx.version,
    host: ctx.host,
    caseFilePath: file,
    // The write-ahead log is part of the case file until the next checkpoint.
    caseFileSizeBytes: sizeOf(file) + sizeOf(`${file}-wal`),
    blobsSizeBytes: folderSize(ctx.blobs.root),
    dossierCount: ctx.db.prepare('SELECT count(*) FROM dossier').pluck().get() as number,
    schemaVersion: schemaVersion(ctx.db),
  };
}
