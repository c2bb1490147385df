/** The handlers of shared/channels/sync.ts: the session's sync service and the case file's outbox and conflicts. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OutboxItem, OutboxState, SyncConflict, syncChannels } from '../../../shared/channels/sync';
import { HubFieldState, type RejectReason } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { resolveConflict } from './conflicts';
import { readDsStatus } from './ds-status';
import { syncServiceOf } from './service';
import { workerRoundRunner } from './sync-client';

export function syncHandlers(ctx: CoreContext): HandlersOf<typeof syncChannels> {
  const service = () => syncServiceOf(ctx, () => workerRoundRunner(ctx));
  return {
    'sync.status': () => service().status(),
    'sync.login': (args) => service().login(args),
    'sync.logout': () => service().logout(),
    'sync.now': () => service().syncNow(),
    'sync.outbox': (query) => outboxPage(ctx.db, query),
    'sync.conflicts': () => openConflicts(ctx.db),
    'sync.resolveConflict': (args) => runMutation(ctx, resolveConflict, args),
    'sync.dsStatus': () => readDsStatus(ctx, { token: () => service().deviceToken() }),
  };
}

interface OutboxRow {
  client_seq: number;
  mutation_id: string;
  name: string;
  dossier_id: string | null;
  number: number | null;
  created_at: string;
  state: OutboxState;
  reason: RejectReason | null;
  detail: string | null;
  settled_with: 'mine' | 'theirs' | null;
}

// A change in conflict is settled once none of its keys is open; the choice is the last one made.
const SETTLED_WITH = `CASE WHEN outbox.state = 'conflict' AND NOT EXISTS (SELECT 1 FROM sync_conflict still WHERE still.mutation_id = outbox.mutation_id AND still.resolved_at IS NULL)
  THEN (SELECT c.choice FROM sync_conflict c WHERE c.mutation_id = outbox.mutation_id ORDER BY c.resolved_at DESC LIMIT 1) END`;

// An empty list of states means every state; json_each keeps one prepared statement for any list.
const IN_STATES = `(json_array_length(:states) = 0 OR outbox.state IN (SELECT value FROM json_each(:states)))`;

const statements = statementsFor((db) => ({
  outbox: db.prepare<[{ states: string; limit: number; offset: number }], OutboxRow>(
    `SELECT outbox.client_seq, outbox.mutation_id, outbox.name, outbox.dossier_id, dossier.number, outbox.created_at, outbox.state, outbox.reason, outbox.detail, ${SETTLED_WITH} AS settled_with
     FROM outbox LEFT JOIN dossier ON dossier.id = outbox.dossier_id
     WHERE ${IN_STATES} ORDER BY outbox.client_seq DESC LIMIT :limit OFFSET :offset`,
  ),
  outboxTotal: db.prepare<[{ states: string }], number>(`SELECT count(*) FROM outbox WHERE ${IN_STATES}`).pluck(),
  openConflicts: db.prepare<[], ConflictRow>(
    `SELECT c.id, c.mutation_id, c.name, c.dossier_id, dossier.number, c.key, c.mine, c.theirs, c.created_at, outbox.created_at AS made_at
     FROM sync_conflict c JOIN outbox ON outbox.mutation_id = c.mutation_id LEFT JOIN dossier ON dossier.id = c.dossier_id
     WHERE c.resolved_at IS NULL ORDER BY c.created_at, c.key`,
  ),
}));

/** The queued changes, newest first, optionally of some states only. */
export function outboxPage(db: Database, query: { states?: OutboxState[]; limit: number; offset: number }): { items: OutboxItem[]; total: number } {
  const states = JSON.stringify(query.states ?? []);
  const rows = statements(db).outbox.all({ states, limit: query.limit, offset: query.offset });
  const total = statements(db).outboxTotal.get({ states }) ?? 0;
  return {
    total,
    items: rows.map((row) => ({
      clientSeq: row.client_seq,
      mutationId: row.mutation_id,
      name: row.name,
      dossierId: row.dossier_id,
      dossierNumber: row.number,
      createdAt: row.created_at,
      state: row.state,
      reason: row.reason,
      detail: row.detail,
      settledWith: row.settled_with,
    })),
  };
}

interface ConflictRow {
  id: string;
  mutation_id: string;
  name: string;
  dossier_id: string | null;
  number: number | null;
  key: string;
  mine: string;
  theirs: string;
  created_at: string;
  made_at: string;
}

/** The conflicts a person has still to settle, oldest first. */
export function openConflicts(db: Database): SyncConflict[] {
  return statements(db).openConflicts.all().map((row) => {
    const theirs = HubFieldState.parse(JSON.parse(row.theirs));
    const [entity = row.key, , ...field] = row.key.split(':');
    return {
      id: row.id,
      mutationId: row.mutation_id,
      name: row.name,
      dossierId: row.dossier_id,
      dossierNumber: row.number,
      key: row.key,
      entity,
      field: field.length > 0 ? field.join(':') : null,
      mine: { value: JSON.parse(row.mine), by: null, at: row.made_at },
      theirs: { value: theirs.value, by: theirs.event?.actor.name ?? null, at: theirs.event?.at ?? null },
      createdAt: row.created_at,
    };
  });
}
