/**
 * Changes the hub makes itself (origin 'hub', no device): `dossier.import` when it seeds or
 * imports dossiers, and `decision.reviewAgain` when a dossier whose decision is proposed gets new
 * pieces (the proposal was made without them). Recorded like a desk's, so desks pull them alike.
 * Imports are written a batch at a time: a few statements for many dossiers.
 */
import { randomUUID } from 'node:crypto';
import { DECIDED_STATES, type DossierImport } from '../../shared/domain/dossier';
import { decisions, dossierRef, dossiers } from '../../shared/sync/mutations';
import type { HubEvent } from '../../shared/sync/protocol';
import type { HubDatabase, Queryable } from '../db/database';
import { appendEvents, SHARED_SCOPE, upsertFields, type FieldUpsert, type NewEvent } from './store';

export interface HubChange {
  name: typeof dossiers.importDossier.name;
  args: unknown;
  /** Implied by the dossier imported; accepted for symmetry with pushed items. */
  dossierId?: string | null;
  /** When the change happened at its source (defaults to now). */
  at?: Date;
}

/** The author of the hub's own changes, as desks show it in their journal. */
export const HUB_ACTOR = { id: 'relais-hub', name: 'Hub Relais' } as const;

interface Import {
  dossier: DossierImport;
  at: Date;
}

function hubEvent(name: string, args: unknown, dossierId: string, at: Date, now: Date): NewEvent {
  return { mutationId: randomUUID(), name, args, dossierId, audienceUser: null, actor: HUB_ACTOR, at: at.toISOString(), recordedAt: now.toISOString(), versions: {}, origin: 'hub', deviceId: null };
}

/** Splits imports into runs where each dossier appears once: a statement may touch a row only once. */
function runsOfDistinctDossiers(imports: readonly Import[]): Import[][] {
  const runs: Import[][] = [];
  let run: Import[] = [];
  let ids = new Set<string>();
  for (const entry of imports) {
    if (ids.has(entry.dossier.id)) {
      runs.push(run);
      run = [];
      ids = new Set();
    }
    run.push(entry);
    ids.add(entry.dossier.id);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The pieces each dossier had at its last import (absent: never imported). */
async function previousPieceIds(tx: Queryable, dossierIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const { rows } = await tx.query<{ dossier_id: string; pieces: { id: string }[] }>(
    `SELECT DISTINCT ON (dossier_id) dossier_id, args->'pieces' AS pieces FROM hub_event
     WHERE dossier_id = ANY($1::uuid[]) AND name = $2 ORDER BY dossier_id, seq DESC`,
    [dossierIds, dossiers.importDossier.name],
  );
  return new Map(rows.map((row) => [row.dossier_id, new Set(row.pieces.map((piece) => piece.id))]));
}

/** Upserts the dossiers; a decided dossier keeps its state whatever the import says. Returns each one's state after. */
async function upsertDossiers(tx: Queryable, imports: readonly Import[]): Promise<Map<string, DossierImport['state']>> {
  const rows = imports.map(({ dossier }) => ({
    id: dossier.id,
    number: dossier.number,
    territory_id: dossier.projet.territoryId,
    region_code: dossier.projet.regionCode,
    state: dossier.state,
    assigned_email: dossier.assignedInstructor?.email ?? null,
  }));
  const { rows: states } = await tx.query<{ id: string; state: DossierImport['state'] }>(
    `INSERT INTO hub_dossier (id, number, territory_id, region_code, state, assigned_email)
     SELECT id, number, territory_id, region_code, state, assigned_email
     FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, number bigint, territory_id text, region_code text, state text, assigned_email text)
     ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, territory_id = EXCLUDED.territory_id, region_code = EXCLUDED.region_code,
       state = CASE WHEN hub_dossier.state = ANY($2::text[]) THEN hub_dossier.state ELSE EXCLUDED.state END,
       assigned_email = EXCLUDED.assigned_email
     RETURNING id, state`,
    [JSON.stringify(rows), DECIDED_STATES],
  );
  await tx.query(
    `INSERT INTO hub_entity (key, dossier_id, mutation_id) SELECT key, dossier_id, gen_random_uuid()
     FROM jsonb_to_recordset($1::jsonb) AS e(key text, dossier_id uuid) ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(rows.map((row) => ({ key: dossierRef(row.id), dossier_id: row.id })))],
  );
  return new Map(states.map((row) => [row.id, row.state]));
}

/** Proposals on a dossier that got new pieces go back to draft, each with its event. */
async function reviewProposals(tx: Queryable, dossier: DossierImport, added: DossierImport['pieces'], at: Date, now: Date): Promise<NewEvent[]> {
  const proposed = await tx.query<{ id: string }>(`SELECT id FROM hub_decision WHERE dossier_id = $1 AND state = 'proposee' ORDER BY id FOR UPDATE`, [dossier.id]);
  const events: NewEvent[] = [];
  for (const { id } of proposed.rows) {
    const args = decisions.reviewAgain.args.parse({ id, comment: `Nouvelles pièces : ${added.map((piece) => piece.name).join(', ')}`, at: at.toISOString() });
    const review = hubEvent(decisions.reviewAgain.name, args, dossier.id, at, now);
    await tx.query(`UPDATE hub_decision SET state = 'brouillon', version = version + 1 WHERE id = $1`, [id]);
    const sets = decisions.reviewAgain.effects(args, dossier.id).sets;
    const versions = await upsertFields(tx, SHARED_SCOPE, sets.map(({ key, value }) => ({ key, value, dossierId: dossier.id, mutationId: review.mutationId })));
    review.versions = Object.fromEntries(versions);
    events.push(review);
  }
  return events;
}

async function importRun(tx: Queryable, run: readonly Import[], now: Date): Promise<NewEvent[]> {
  const previous = await previousPieceIds(tx, run.map(({ dossier }) => dossier.id));
  const states = await upsertDossiers(tx, run);
  const imported = run.map(({ dossier, at }) => {
    const applied: DossierImport = { ...dossier, state: states.get(dossier.id)! };
    return { dossier: applied, at, event: hubEvent(dossiers.importDossier.name, applied, applied.id, at, now) };
  });
  const fields: FieldUpsert[] = imported.flatMap(({ dossier, event }) =>
    dossiers.importDossier.effects(dossier, dossier.id).sets.map(({ key, value }) => ({ key, value, dossierId: dossier.id, mutationId: event.mutationId })),
  );
  const versions = await upsertFields(tx, SHARED_SCOPE, fields);
  const events: NewEvent[] = [];
  for (const { dossier, at, event } of imported) {
    event.versions = Object.fromEntries(dossiers.importDossier.effects(dossier, dossier.id).sets.map(({ key }) => [key, versions.get(key)!]));
    events.push(event);
    const before = previous.get(dossier.id);
    const added = before ? dossier.pieces.filter((piece) => !before.has(piece.id)) : [];
    if (added.length > 0) events.push(...(await reviewProposals(tx, dossier, added, at, now)));
  }
  return events;
}

/** Records the hub's changes in one transaction, in order; returns the events desks will pull. */
export async function recordHubEvents(db: HubDatabase, changes: readonly HubChange[], now: Date = new Date()): Promise<HubEvent[]> {
  const imports = changes.map((change) => ({ dossier: dossiers.importDossier.args.parse(change.args), at: change.at ?? now }));
  return db.transaction(async (tx) => {
    const events: NewEvent[] = [];
    for (const run of runsOfDistinctDossiers(imports)) events.push(...(await importRun(tx, run, now)));
    const seqs = await appendEvents(tx, events);
    return events.map(({ audienceUser: _, ...event }, i) => ({ ...event, seq: seqs[i]! }));
  });
}
