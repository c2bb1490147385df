/** A dossier's integer key (`dossier.seq`), which every table of local work refers to. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  dossierSeq: db.prepare<[string], number>('SELECT seq FROM dossier WHERE id = ?').pluck(),
}));

/** The dossier's integer key, or 'not_found'. */
export function dossierSeqOf(db: Database, dossierId: string): number {
  const seq = statements(db).dossierSeq.get(dossierId);
  if (seq === undefined) throw new RelaisError('not_found', { what: `dossier ${dossierId}` });
  return seq;
}
