/** The `draft` table: one row per dossier and draft key, the text an editor holds until its act is saved. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Draft, DraftArea } from '../../../shared/channels/drafts';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  // An area is lowercase letters only: the pattern `<area>:%` has no other wildcard.
  ofArea: db.prepare<[number, string], Draft>(`SELECT key, text, saved_at AS savedAt FROM draft WHERE dossier_seq = ? AND key LIKE ? ORDER BY key`),
  upsert: db.prepare<[number, string, string, string]>(
    `INSERT INTO draft (dossier_seq, key, text, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (dossier_seq, key) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at`,
  ),
  remove: db.prepare<[number, string]>('DELETE FROM draft WHERE dossier_seq = ? AND key = ?'),
}));

export function draftsOfArea(db: Database, dossierSeq: number, area: DraftArea): Draft[] {
  return statements(db).ofArea.all(dossierSeq, `${area}:%`);
}

export function writeDraft(db: Database, dossierSeq: number, draft: Draft): void {
  statements(db).upsert.run(dossierSeq, draft.key, draft.text, draft.savedAt);
}

/** Called by the act that saves the text (in its own transaction), and by a discard. */
export function clearDraft(db: Database, dossierSeq: number, key: string): void {
  statements(db).remove.run(dossierSeq, key);
}
