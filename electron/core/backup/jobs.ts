/**
 * The long backup work, each on its own connection to the case file so it can run in the backup
 * worker (backup-worker.ts) while the main thread stays free: the daily backup, an export, and
 * reading an import (the swap itself is the main thread's, which holds the case file).
 */
import { BlobStore } from '../blobs/store';
import { openKeyedDatabase } from '../db/cipher';
import { caseFilePath } from '../db/open';
import { exportCaseFile, type ExportResult } from './export';
import type { ExportManifest, TransferProgress } from './export-format';
import type { BackupInfo } from './folder';
import { stageImport } from './import';
import { takeBackup } from './take';

interface CaseFileJob {
  dataDir: string;
  /** Crosses to the worker as a Uint8Array. */
  key: Uint8Array;
}

export type BackupJob =
  | (CaseFileJob & { kind: 'daily' })
  | (CaseFileJob & { kind: 'export'; to: string; passphrase: string; relaisVersion: string })
  | (CaseFileJob & { kind: 'stage-import'; file: string; passphrase: string });

export type BackupJobResult =
  | { kind: 'daily'; backup: BackupInfo }
  | { kind: 'export'; export: ExportResult }
  | { kind: 'stage-import'; staged: string; manifest: ExportManifest };

export async function runBackupJob(job: BackupJob, progress: (progress: TransferProgress) => void = () => {}): Promise<BackupJobResult> {
  const key = Buffer.from(job.key);
  switch (job.kind) {
    case 'daily':
      return { kind: 'daily', backup: withConnection(job.dataDir, key, (db) => takeBackup(db, { dataDir: job.dataDir, key, reason: 'daily' })) };
    case 'export': {
      const db = connect(job.dataDir, key);
      try {
        const blobs = new BlobStore(job.dataDir, key);
        return { kind: 'export', export: await exportCaseFile({ db, key, blobs, relaisVersion: job.relaisVersion }, job.to, job.passphrase, progress) };
      } finally {
        db.close();
      }
    }
    case 'stage-import': {
      const staged = await stageImport(job.file, job.passphrase, { dataDir: job.dataDir, key, blobs: new BlobStore(job.dataDir, key) }, progress);
      return { kind: 'stage-import', ...staged };
    }
  }
}

function connect(dataDir: string, key: Buffer) {
  const db = openKeyedDatabase(caseFilePath(dataDir), key, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

function withConnection<T>(dataDir: string, key: Buffer, work: (db: ReturnType<typeof connect>) => T): T {
  const db = connect(dataDir, key);
  try {
    return work(db);
  } finally {
    db.close();
  }
}
