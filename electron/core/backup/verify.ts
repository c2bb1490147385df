import { RelaisError } from '../../../shared/errors';
import { openKeyedDatabase } from '../db/cipher';
import { RELAIS_APPLICATION_ID } from '../db/migrations/001-case-file';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';

export interface VerifiedCopy {
  schemaVersion: number;
}

/**
 * Opens a copy of a case file (a backup, an imported file) read-only with its key and runs
 * `PRAGMA integrity_check`: anything else than a whole Relais case file this build can open is
 * 'backup_unreadable' (or 'case_file_too_new').
 */
export function verifyKeyedCopy(file: string, key: Buffer, name: string = file): VerifiedCopy {
  let schemaVersion: number;
  try {
    const db = openKeyedDatabase(file, key, { readonly: true, fileMustExist: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      const applicationId = db.pragma('application_id', { simple: true });
      if (integrity !== 'ok' || applicationId !== RELAIS_APPLICATION_ID) throw new Error('not a whole case file');
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    throw new RelaisError('backup_unreadable', { name });
  }
  if (schemaVersion > LATEST_SCHEMA_VERSION) throw new RelaisError('case_file_too_new', { found: schemaVersion, known: LATEST_SCHEMA_VERSION });
  return { schemaVersion };
}
