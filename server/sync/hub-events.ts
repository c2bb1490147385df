/**
 * Changes the hub makes itself (origin 'hub', no device): `dossier.import` when it seeds or
 * imports dossiers, and `decision.reviewAgain` when a dossier whose decision is proposed gets new
 * pieces (the proposal was made without them). Recorded like a desk's, so desks pull them alike.
 */
import { randomUUID } from 'node:crypto';
import { DECIDED_STATES, type DossierImport } from '../../shared/domain/dossier';
import { dossiers, decisions, dossierRef } from '../../shared/sync/mutations';
import type { HubEvent } from '../../shared/sync/protocol';
import type { HubDatabase, Queryable } from '../db/database';
import { appendEvents, SHARED_SCOPE, writeFields, type NewEvent } from './store';

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

function hubEvent(name: string, args: unknown, dossierId: string, at: Date, now: Date, versions: Record<string, number>): NewEvent {
  return {
    mutationId: randomUUID(),
    name,
    args,
    dossierId,
    audienceUser: null,
    actor: HUB_ACTOR,
    at: at.toISOString(),
    recordedAt: now.toISOString(),
    versions,
    origin: 'hub',
    deviceId: null,
  };
}

/** The pieces the dossier had at its last import (none at its first). */
async function previousPieceIds(tx: Queryable, dossierId: string): Promise<Set<string> | null> {
  const { rows } = await tx.query<{ pieces: { id: string }[] }>(
    `SELECT args->'pieces' AS pieces FROM hub_event WHERE dossier_id = $1 AND name = $2 ORDER BY seq DESC LIMIT 1`,
    [dossierId, dossiers.importDossier.name],
  );
  return rows[0] ? new Set(rows[0].pieces.map((piece) => piece.id)) : null;
}

/** Upserts the dossier; a decided dossier keeps its state whatever the import says. Returns the args as applied. */
async function importOne(tx: Queryable, imported: DossierImport, at: Date, now: Date): Promise<NewEvent[]> {
  const previous = await previousPieceIds(tx, imported.id);
  const { rows } = await tx.query<{ state: DossierImport['state'] }>(
    `INSERT INTO hub_dossier (id, number, territory_id, region_code, state, assigned_email) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, territory_id = EXCLUDED.territory_id, region_code = EXCLUDED.region_code,
       state = CASE WHEN hub_dossier.state = ANY($7::text[]) THEN hub_dossier.state ELSE EXCLUDED.state END,
       assigned_email = EXCLUDED.assigned_email
     RETURNING state`,
    [imported.id, imported.number, imported.projet.territoryId, imported.projet.regionCode, imported.state, imported.assignedInstructor?.email ?? null, DECIDED_STATES],
  );
  const dossier: DossierImport = { ...imported, state: rows[0]!.state };
  await tx.query('INSERT INTO hub_entity (key, dossier_id, mutation_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [dossierRef(dossier.id), dossier.id, randomUUID()]);
  const event = hubEvent(dossiers.importDossier.name, dossier, dossier.id, at, now, {});
  event.versions = await writeFields(tx, SHARED_SCOPE, dossier.id, dossiers.importDossier.effects(dossier, dossier.id).sets, event.mutationId);
  const events = [event];

  const added = previous ? dossier.pieces.filter((piece) => !previous.has(piece.id)) : [];
  if (added.length === 0) return events;
  const proposed = await tx.query<{ id: string }>(`SELECT id FROM hub_decision WHERE dossier_id = $1 AND state = 'proposee' ORDER BY id FOR UPDATE`, [dossier.id]);
  for (const { id } of proposed.rows) {
    const args = decisions.reviewAgain.args.parse({ id, comment: `Nouvelles pièces : ${added.map((piece) => piece.name).join(', ')}`, at: at.toISOString() });
    const review = hubEvent(decisions.reviewAgain.name, args, dossier.id, at, now, {});
    await tx.query(`UPDATE hub_decision SET state = 'brouillon', version = version + 1 WHERE id = $1`, [id]);
    review.versions = await writeFields(tx, SHARED_SCOPE, dossier.id, decisions.reviewAgain.effects(args, dossier.id).sets, review.mutationId);
    events.push(review);
  }
  return events;
}

/** Records the hub's changes in one transaction, in order; returns the events desks will pull. */
export async function recordHubEvents(db: HubDatabase, changes: readonly HubChange[], now: Date = new Date()): Promise<HubEvent[]> {
  const parsed = changes.map((change) => ({ dossier: dossiers.importDossier.args.parse(change.args), at: change.at ?? now }));
  return db.transaction(async (tx) => {
    const events: NewEvent[] = [];
    for (const { dossier, at } of parsed) events.push(...(await importOne(tx, dossier, at, now)));
    const seqs = await appendEvents(tx, events);
    return events.map(({ audienceUser: _, ...event }, i) => ({ ...event, seq: seqs[i]! }));
  });
}
