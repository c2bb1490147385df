/** The rows of `sync_conflict`: one per stale key of a change the hub answered with a conflict. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { HubFieldState } from '../../../shared/sync/protocol';
import { statementsFor } from '../db/statements';
import { canonicalJson } from '../mutations/canonical-json';

export interface ConflictRow {
  id: string;
  mutation_id: string;
  name: string;
  dossier_id: string | null;
  key: string;
  mine: string;
  theirs: string;
  created_at: string;
  resolved_at: string | null;
  choice: 'mine' | 'theirs' | null;
}

const statements = statementsFor((db) => ({
  insert: db.prepare<[string, string, string, string | null, string, string, string, string]>(
    `INSERT INTO sync_conflict (id, mutation_id, name, dossier_id, key, mine, theirs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (mutation_id, key) DO NOTHING`,
  ),
  openOnKey: db.prepare<[string], ConflictRow>('SELECT * FROM sync_conflict WHERE key = ? AND resolved_at IS NULL'),
  setTheirs: db.prepare<[string, string]>('UPDATE sync_conflict SET theirs = ? WHERE id = ?'),
  byId: db.prepare<[string], ConflictRow>('SELECT * FROM sync_conflict WHERE id = ?'),
  openOfMutation: db.prepare<[string], ConflictRow>('SELECT * FROM sync_conflict WHERE mutation_id = ? AND resolved_at IS NULL ORDER BY key'),
  settle: db.prepare<[string, string, string]>('UPDATE sync_conflict SET resolved_at = ?, choice = ? WHERE mutation_id = ? AND resolved_at IS NULL'),
}));

export interface NewConflict {
  id: string;
  mutationId: string;
  name: string;
  dossierId: string | null;
  key: string;
  mine: unknown;
  theirs: HubFieldState;
  createdAt: string;
}

export function insertConflict(db: Database, conflict: NewConflict): void {
  const { id, mutationId, name, dossierId, key, mine, theirs, createdAt } = conflict;
  statements(db).insert.run(id, mutationId, name, dossierId, key, canonicalJson(mine), canonicalJson(theirs), createdAt);
}

export const theirsOf = (row: ConflictRow): HubFieldState => HubFieldState.parse(JSON.parse(row.theirs));

/** A newer hub change of a key in conflict becomes the hub's side of it: a person settles against the latest. */
export function updateOpenConflictsTheirs(db: Database, theirs: HubFieldState): void {
  const s = statements(db);
  for (const row of s.openOnKey.all(theirs.key)) {
    if (theirs.version > theirsOf(row).version) s.setTheirs.run(canonicalJson(theirs), row.id);
  }
}

export function conflictById(db: Database, id: string): ConflictRow | undefined {
  return statements(db).byId.get(id);
}

/** The open conflicts of one change: settled together, with one choice. */
export function openConflictsOf(db: Database, mutationId: string): ConflictRow[] {
  return statements(db).openOfMutation.all(mutationId);
}

export function settleConflicts(db: Database, mutationId: string, choice: 'mine' | 'theirs', at: string): void {
  statements(db).settle.run(at, choice, mutationId);
}
