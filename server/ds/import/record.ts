/**
 * One DS dossier onto the hub: its files stored, the `dossier.import` event recorded (desks pull
 * it), then its `ds_dossier` row. The row is written just after the event's own transaction
 * (recordHubEvents opens it): if the hub stops in between, the next run finds the row behind and
 * records the dossier again, which desks apply as the same import once more.
 */
import { DossierImport, DossierState, type Instructor } from '../../../shared/domain/dossier';
import { dossiers } from '../../../shared/sync/mutations';
import { fieldKey } from '../../../shared/sync/mutations/keys';
import { territoryTables } from '../../../electron/core/reference/territories';
import type { HubDatabase, Queryable } from '../../db/database';
import { recordHubEvents } from '../../sync/hub-events';
import { SHARED_SCOPE } from '../../sync/store';
import { DsApiError } from '../client';
import type { DsConnection } from '../connection';
import { relaisDossierId } from '../ids';
import type { DsDossier } from '../operations/import';
import { fetchFiles } from './files';
import { dossierFiles, mapDossier, type StoredFile } from './map-dossier';

export interface RecordOutcome {
  kind: 'imported' | 'updated' | 'unchanged';
  files: number;
  messages: number;
  avis: number;
}

export interface RecordOptions {
  /** Record it even when DS's modification date and labels are those of the last import. */
  force?: boolean;
  /** DS's state replaces a desk's move not yet pushed (the push bringing the hub back to DS). */
  dsStateStands?: boolean;
  now: Date;
  /** Reads the dossier again from DS, for fresh file links. */
  refresh: () => Promise<DsDossier>;
}

interface KnownRow {
  modified_at: Date;
  labels: string[];
}

async function knownRow(db: Queryable, number: number): Promise<KnownRow | null> {
  const { rows } = await db.query<KnownRow>('SELECT modified_at, labels FROM ds_dossier WHERE number = $1', [number]);
  return rows[0] ?? null;
}

export function labelNames(dossier: { labels: readonly { name: string }[] }): string[] {
  return dossier.labels.map((label) => label.name);
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

function unchanged(row: KnownRow | null, dossier: DsDossier): boolean {
  return row !== null && new Date(row.modified_at).getTime() === new Date(dossier.dateDerniereModification).getTime() && sameLabels(row.labels, labelNames(dossier));
}

/** Desks' moves of a dossier between states, and the ds_push kinds they become. */
const STATE_EVENTS = ['dossier.passToInstruction', 'dossier.backToConstruction', 'dossier.accept', 'dossier.refuse', 'dossier.closeSansSuite'];
const STATE_PUSHES = ['passer_en_instruction', 'repasser_en_construction', 'accepter', 'refuser', 'classer_sans_suite'];

/**
 * The hub's state of a dossier when a desk moved it and DS has not been told yet (the event not
 * yet queued, or its push pending): an import made meanwhile keeps it rather than moving the
 * dossier back until the push lands. Null when DS's state stands.
 */
async function stateNotYetOnDs(db: Queryable, dossierId: string): Promise<DossierState | null> {
  const { rows } = await db.query<{ value: unknown }>(
    `SELECT value FROM hub_field WHERE scope = $1 AND key = $2 AND (
       EXISTS (SELECT 1 FROM hub_event WHERE dossier_id = $3 AND name = ANY($4::text[]) AND seq > (SELECT after_seq FROM ds_push_state WHERE id = 1))
       OR EXISTS (SELECT 1 FROM ds_push WHERE dossier_id = $3 AND state = 'pending' AND kind = ANY($5::text[])))`,
    [SHARED_SCOPE, fieldKey('dossier', dossierId, 'state'), dossierId, STATE_EVENTS, STATE_PUSHES],
  );
  const parsed = DossierState.safeParse(rows[0]?.value);
  return parsed.success ? parsed.data : null;
}

/** What desks set on the hub that DS does not carry, and the dossier's last import. */
async function hubSide(db: Queryable, dossierId: string): Promise<{ assigned: Instructor | null; arDate: string | null; previous: DossierImport | null }> {
  const assignedKey = fieldKey('dossier', dossierId, 'assigned');
  const arDateKey = fieldKey('dossier', dossierId, 'arDate');
  const { rows } = await db.query<{ key: string; value: unknown }>('SELECT key, value FROM hub_field WHERE scope = $1 AND key = ANY($2::text[])', [SHARED_SCOPE, [assignedKey, arDateKey]]);
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
  const last = await db.query<{ args: unknown }>('SELECT args FROM hub_event WHERE dossier_id = $1 AND name = $2 ORDER BY seq DESC LIMIT 1', [dossierId, dossiers.importDossier.name]);
  const previous = last.rows[0] ? DossierImport.safeParse(last.rows[0].args) : null;
  return { assigned: value(assignedKey) as Instructor | null, arDate: value(arDateKey) as string | null, previous: previous?.success ? previous.data : null };
}

async function upsertRow(db: Queryable, dossier: DsDossier, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO ds_dossier (number, demarche, ds_id, relais_id, state, modified_at, champs_modified_at, labels, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
     ON CONFLICT (number) DO UPDATE SET demarche = EXCLUDED.demarche, ds_id = EXCLUDED.ds_id, state = EXCLUDED.state, modified_at = EXCLUDED.modified_at,
       champs_modified_at = EXCLUDED.champs_modified_at, labels = EXCLUDED.labels, deleted_at = NULL, imported_at = EXCLUDED.imported_at`,
    [
      dossier.number,
      dossier.demarche.number,
      dossier.id,
      relaisDossierId(dossier.number),
      dossier.state,
      dossier.dateDerniereModification,
      dossier.dateDerniereModificationChamps,
      JSON.stringify(labelNames(dossier)),
      now.toISOString(),
    ],
  );
}

export async function recordDsDossier(db: HubDatabase, connection: DsConnection, first: DsDossier, options: RecordOptions): Promise<RecordOutcome> {
  const row = await knownRow(db, first.number);
  if (!options.force && unchanged(row, first)) return { kind: 'unchanged', files: 0, messages: 0, avis: 0 };
  const hub = await hubSide(db, relaisDossierId(first.number));
  const held = new Map<string, StoredFile>((hub.previous?.pieces ?? []).map((piece) => [piece.id, { sha256: piece.sha256, size: piece.sizeBytes }]));

  let dossier = first;
  let fetched;
  try {
    fetched = await fetchFiles(db, connection.client, dossier.number, dossierFiles(dossier, connection.config.mapping), held);
  } catch (error) {
    if (!(error instanceof DsApiError && error.code === 'expired_url')) throw error;
    // DS's links last an hour: read the dossier again for new ones, once.
    dossier = await options.refresh();
    fetched = await fetchFiles(db, connection.client, dossier.number, dossierFiles(dossier, connection.config.mapping), held);
  }

  const mapped = mapDossier(dossier, {
    mapping: connection.config.mapping,
    territories: territoryTables(),
    files: fetched.files,
    hub: { assignedInstructor: hub.assigned, arDate: hub.arDate },
  });
  const pending = options.dsStateStands ? null : await stateNotYetOnDs(db, mapped.id);
  const recorded = pending ? { ...mapped, state: pending } : mapped;
  await recordHubEvents(db, [{ name: dossiers.importDossier.name, args: recorded, at: new Date(mapped.updatedAt) }], options.now);
  await upsertRow(db, dossier, options.now);

  const before = hub.previous?.exchanges;
  const messageIds = new Set(before?.messages.map((message) => message.id));
  const avisIds = new Set(before?.avis.map((entry) => entry.id));
  return {
    kind: row ? 'updated' : 'imported',
    files: fetched.downloaded,
    messages: mapped.exchanges!.messages.filter((message) => !messageIds.has(message.id)).length,
    avis: mapped.exchanges!.avis.filter((entry) => !avisIds.has(entry.id)).length,
  };
}
