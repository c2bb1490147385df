/**
 * Turns the hub's events into the queue of changes to send to DS (ds_push), in the events' order,
 * in the same transaction as the position (ds_push_state.after_seq), so that each event is queued
 * once. Only dossiers imported from DS are pushed. Annotations become one row per dossier that
 * sends all the dossier's current notes, so a pending one already covers later edits.
 */
import type { HubDatabase, Queryable } from '../../db/database';

export type PushKind =
  | 'passer_en_instruction'
  | 'repasser_en_construction'
  | 'accepter'
  | 'refuser'
  | 'classer_sans_suite'
  | 'annotations'
  | 'message'
  | 'label_add'
  | 'label_remove';

const KIND_OF_EVENT: Record<string, PushKind> = {
  'dossier.passToInstruction': 'passer_en_instruction',
  'dossier.backToConstruction': 'repasser_en_construction',
  'dossier.accept': 'accepter',
  'dossier.refuse': 'refuser',
  'dossier.closeSansSuite': 'classer_sans_suite',
  'annotation.add': 'annotations',
  'annotation.edit': 'annotations',
  'annotation.remove': 'annotations',
  'message.send': 'message',
  'dossier.addLabel': 'label_add',
  'dossier.removeLabel': 'label_remove',
};

/** What a row carries from its event: who made it (their DS instructeur is found when it is sent) and its own data. */
export interface PushPayload {
  actorEmail: string | null;
  actorName: string;
  message?: { messageId: string; subject: string; body: string };
  label?: string;
}

interface EventRow {
  seq: string;
  name: string;
  args: Record<string, unknown>;
  dossier_id: string;
  number: number;
  actor_name: string;
  email: string | null;
}

const BATCH = 500;

function payloadOf(kind: PushKind, event: EventRow): PushPayload {
  const payload: PushPayload = { actorEmail: event.email, actorName: event.actor_name };
  if (kind === 'message') {
    const { messageId, subject, body } = event.args as { messageId: string; subject: string; body: string };
    payload.message = { messageId, subject, body };
  }
  if (kind === 'label_add' || kind === 'label_remove') payload.label = String(event.args.label);
  return payload;
}

async function queueBatch(tx: Queryable, now: Date): Promise<number> {
  const { rows: state } = await tx.query<{ after_seq: string }>('SELECT after_seq FROM ds_push_state WHERE id = 1 FOR UPDATE');
  const after = state[0]!.after_seq;
  const { rows: scanned } = await tx.query<{ last: string | null; count: string }>(
    'SELECT max(seq) AS last, count(*) AS count FROM (SELECT seq FROM hub_event WHERE seq > $1 ORDER BY seq LIMIT $2) AS page',
    [after, BATCH],
  );
  const last = scanned[0]!.last;
  if (last === null) return 0;
  const { rows: events } = await tx.query<EventRow>(
    `SELECT e.seq, e.name, e.args, e.dossier_id, d.number, e.actor_name, u.email
     FROM hub_event e
     JOIN ds_dossier d ON d.relais_id = e.dossier_id
     LEFT JOIN hub_user u ON u.id::text = e.actor_id
     WHERE e.seq > $1 AND e.seq <= $2 AND e.name = ANY($3::text[])
     ORDER BY e.seq`,
    [after, last, Object.keys(KIND_OF_EVENT)],
  );
  const { rows: open } = await tx.query<{ dossier_id: string }>(`SELECT dossier_id FROM ds_push WHERE kind = 'annotations' AND state = 'pending'`);
  const annotated = new Set(open.map((row) => row.dossier_id));
  const stamp = now.toISOString();
  for (const event of events) {
    const kind = KIND_OF_EVENT[event.name]!;
    if (kind === 'annotations') {
      if (annotated.has(event.dossier_id)) continue;
      annotated.add(event.dossier_id);
    }
    await tx.query(
      `INSERT INTO ds_push (event_seq, kind, dossier_id, number, payload, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (event_seq, kind) DO NOTHING`,
      [event.seq, kind, event.dossier_id, event.number, JSON.stringify(payloadOf(kind, event)), stamp],
    );
  }
  await tx.query('UPDATE ds_push_state SET after_seq = $1 WHERE id = 1', [last]);
  return Number(scanned[0]!.count);
}

/** Queues every hub event recorded since the last call; returns how many events were read. */
export async function queueHubEvents(db: HubDatabase, now: Date): Promise<number> {
  let read = 0;
  for (;;) {
    const count = await db.transaction((tx) => queueBatch(tx, now));
    if (count === 0) return read;
    read += count;
  }
}
