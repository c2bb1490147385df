/**
 * A desk's push, applied in one transaction, item after item in the device's order: each item
 * applied once whatever the retries (its stored result is answered again), checked (arguments,
 * scope, role, entities, blobs, base versions, the decision's and the dossier's transitions), and
 * either applied, rejected with a reason, or answered as a conflict with both values. Each item
 * runs in a savepoint: one refused by a database constraint leaves the others going on.
 */
import type { DecisionCommand, SyncEffects } from '../../shared/sync/effects';
import { syncedMutationNamed } from '../../shared/sync/mutations';
import type { BaseVersion, PushItem, PushRequest, PushResponse, PushResult, RejectReason } from '../../shared/sync/protocol';
import type { HubDatabase, Principal, Queryable } from '../db/database';
import { missingBlobs } from '../blobs/store';
import { dossierScopeSql } from './scope';
import { appendEvents, fieldStates, lockFields, SHARED_SCOPE, writeFields, type NewEvent } from './store';
import { checkDossierMove, isConstraintViolation, isDecidedStateTrigger, isVerdictConstraint } from './rules';

/** Deadlocks and serialization failures: the whole push is tried again from the start. */
const RETRIED_SQLSTATES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

class Refusal {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {}
}

type Outcome =
  | { status: 'applied'; event: NewEvent }
  | { status: 'rejected'; reason: RejectReason; detail: string; keys: string[]; scope: string }
  | { status: 'conflict'; stale: { key: string; mine: unknown }[]; scope: string }
  | { status: 'stored'; result: PushResult };

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function refuse(reason: RejectReason, detail: string): never {
  throw new Refusal(reason, detail);
}

async function checkScope(tx: Queryable, principal: Principal, dossierId: string): Promise<void> {
  const scope = dossierScopeSql(principal.user, 2);
  const { rows } = await tx.query<{ in_scope: boolean }>(`SELECT ${scope.sql} AS in_scope FROM hub_dossier d WHERE d.id = $1`, [dossierId, ...scope.params]);
  if (!rows[0]) refuse('entity_missing', `The hub holds no dossier ${dossierId}.`);
  if (!rows[0].in_scope) refuse('out_of_scope', 'This dossier is neither in your territories nor assigned to you.');
}

function checkRole(principal: Principal, effects: SyncEffects): void {
  const role = principal.user.role;
  const allowed = effects.roles ? effects.roles.includes(role) : role !== 'administrateur';
  if (!allowed) refuse('forbidden_role', `The role ${role} may not make this change.`);
}

async function checkEntities(tx: Queryable, effects: SyncEffects, dossierId: string | null): Promise<void> {
  const keys = [...effects.inserts, ...effects.refs];
  if (keys.length === 0) return;
  const { rows } = await tx.query<{ key: string; dossier_id: string | null }>('SELECT key, dossier_id FROM hub_entity WHERE key = ANY($1::text[])', [keys]);
  const found = new Map(rows.map((row) => [row.key, row.dossier_id]));
  for (const key of effects.inserts) if (found.has(key)) refuse('entity_exists', `${key} already exists on the hub.`);
  for (const key of effects.refs) {
    if (!found.has(key)) refuse('entity_missing', `${key} is not on the hub.`);
    if (found.get(key) !== dossierId) refuse('entity_other_dossier', `${key} belongs to another dossier.`);
  }
}

/** The keys whose base is not what the hub holds: a number must be the current version, a mutation id its last writer. */
function staleKeys(current: Map<string, { version: number; mutation_id: string | null }>, effects: SyncEffects, base: Record<string, BaseVersion>) {
  return effects.sets.filter(({ key }) => {
    const field = current.get(key)!;
    const seen = base[key] ?? 0;
    return typeof seen === 'number' ? seen !== field.version : seen !== field.mutation_id;
  });
}

async function applyDecision(tx: Queryable, command: DecisionCommand, dossierId: string | null): Promise<void> {
  if (command.from === 'new') {
    if (!command.type || dossierId === null) refuse('invalid_args', 'A new decision needs its type and dossier.');
    await tx.query('INSERT INTO hub_decision (id, dossier_id, type, state, version) VALUES ($1, $2, $3, $4, 1)', [command.id, dossierId, command.type, command.to]);
    return;
  }
  const { rows } = await tx.query<{ state: string }>('SELECT state FROM hub_decision WHERE id = $1 FOR UPDATE', [command.id]);
  if (!rows[0]) refuse('entity_missing', `The hub holds no decision ${command.id}.`);
  if (!(command.from as readonly string[]).includes(rows[0].state)) {
    refuse('decision_wrong_state', `The decision is ${rows[0].state} on the hub; this change needs it ${command.from.join(' or ')}.`);
  }
  // A draft's type may change with its content; a signature never changes what was drafted.
  const type = command.to === 'brouillon' ? (command.type ?? null) : null;
  await tx.query('UPDATE hub_decision SET state = $2, type = COALESCE($3, type), version = version + 1 WHERE id = $1', [command.id, command.to, type]);
}

async function applyDossier(tx: Queryable, effects: SyncEffects, dossierId: string | null): Promise<void> {
  if (dossierId === null) return;
  if (effects.dossierState) {
    const { rows } = await tx.query<{ state: string }>('SELECT state FROM hub_dossier WHERE id = $1 FOR UPDATE', [dossierId]);
    const problem = checkDossierMove(rows[0]!.state, effects.dossierState);
    if (problem) refuse(problem.reason, problem.detail);
    await tx.query('UPDATE hub_dossier SET state = $2 WHERE id = $1', [dossierId, effects.dossierState]);
  }
  if (effects.assignedEmail !== undefined) {
    await tx.query('UPDATE hub_dossier SET assigned_email = $2 WHERE id = $1', [dossierId, effects.assignedEmail]);
  }
}

async function applyItem(tx: Queryable, principal: Principal, item: PushItem, now: Date): Promise<Outcome> {
  const stored = await tx.query<{ result: PushResult }>('SELECT result FROM hub_applied WHERE mutation_id = $1', [item.mutationId]);
  if (stored.rows[0]) return { status: 'stored', result: stored.rows[0].result };
  const taken = await tx.query('SELECT 1 FROM hub_applied WHERE device_id = $1 AND client_seq = $2', [principal.deviceId, item.clientSeq]);
  if (taken.rowCount > 0) {
    return { status: 'rejected', reason: 'sequence_reused', detail: `Sequence number ${item.clientSeq} was used by another change of this device.`, keys: [], scope: SHARED_SCOPE };
  }
  const synced = syncedMutationNamed(item.name);
  if (!synced) return { status: 'rejected', reason: 'unknown_mutation', detail: `The hub knows no change named ${item.name}.`, keys: [], scope: SHARED_SCOPE };
  const parsed = synced.args.safeParse(item.args);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(args)'}: ${issue.message}`).join('; ').slice(0, 2_000);
    return { status: 'rejected', reason: 'invalid_args', detail, keys: [], scope: SHARED_SCOPE };
  }
  const effects = synced.effects(parsed.data, item.dossierId);
  const scope = effects.personal ? principal.user.id : SHARED_SCOPE;
  const keys = effects.sets.map((set) => set.key);
  try {
    checkRole(principal, effects);
    // Only a person's own settings live outside any dossier (and outside anyone's scope).
    if (item.dossierId === null && !effects.personal) refuse('invalid_args', 'This change must name the dossier it was made on.');
    if (item.dossierId !== null) await checkScope(tx, principal, item.dossierId);
    await checkEntities(tx, effects, item.dossierId);
    const missing = await missingBlobs(tx, effects.blobs);
    if (missing.length > 0) refuse('blob_missing', `The hub holds no complete blob ${missing.join(', ')}.`);
    const current = await lockFields(tx, scope, item.dossierId, keys);
    const stale = staleKeys(current, effects, item.base);
    if (stale.length > 0) return { status: 'conflict', stale: stale.map(({ key, value }) => ({ key, mine: value })), scope };
    if (effects.decision) await applyDecision(tx, effects.decision, item.dossierId);
    await applyDossier(tx, effects, item.dossierId);
    for (const key of effects.inserts) {
      await tx.query('INSERT INTO hub_entity (key, dossier_id, mutation_id) VALUES ($1, $2, $3)', [key, item.dossierId, item.mutationId]);
    }
    const versions = await writeFields(tx, scope, item.dossierId, effects.sets, item.mutationId);
    const event: NewEvent = {
      mutationId: item.mutationId,
      name: item.name,
      args: parsed.data,
      dossierId: item.dossierId,
      audienceUser: effects.personal ? principal.user.id : null,
      actor: { id: principal.user.id, name: principal.user.name },
      at: item.at,
      recordedAt: now.toISOString(),
      versions,
      origin: 'desk',
      deviceId: principal.deviceId,
    };
    return { status: 'applied', event };
  } catch (error) {
    if (error instanceof Refusal) return { status: 'rejected', reason: error.reason, detail: error.detail, keys, scope };
    if (isVerdictConstraint(error)) {
      return { status: 'rejected', reason: 'dossier_already_decided', detail: 'This dossier already has a signed verdict.', keys, scope };
    }
    if (isDecidedStateTrigger(error)) return { status: 'rejected', reason: 'dossier_already_decided', detail: 'This dossier is decided: its state is final.', keys, scope };
    if (isConstraintViolation(error)) return { status: 'rejected', reason: 'invalid_args', detail: `Refused by the hub's database: ${String((error as Error).message)}`, keys, scope };
    throw error;
  }
}

async function pushOnce(db: HubDatabase, principal: Principal, request: PushRequest, now: Date): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    // One push at a time per device: a retry racing its original waits, then finds its results stored.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [principal.deviceId]);
    const outcomes: Outcome[] = [];
    for (const item of request.items) {
      await tx.exec('SAVEPOINT push_item');
      const outcome = await applyItem(tx, principal, item, now);
      // Anything but an applied item leaves no trace (locked placeholders, partial writes).
      await tx.exec(outcome.status === 'applied' ? 'RELEASE SAVEPOINT push_item' : 'ROLLBACK TO SAVEPOINT push_item');
      outcomes.push(outcome);
    }
    const applied = outcomes.flatMap((outcome) => (outcome.status === 'applied' ? [outcome.event] : []));
    const seqs = await appendEvents(tx, applied);
    const seqOf = new Map(applied.map((event, i) => [event.mutationId, seqs[i]!]));
    const results: PushResult[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const item = request.items[i]!;
      const result = await resultOf(tx, item, outcome, seqOf);
      results.push(result);
      // A reused sequence number is the device's mistake, not a result of this mutation: not stored.
      const storable = outcome.status !== 'stored' && !(outcome.status === 'rejected' && outcome.reason === 'sequence_reused');
      if (storable) {
        await tx.query('INSERT INTO hub_applied (mutation_id, device_id, client_seq, result) VALUES ($1, $2, $3, $4::jsonb)', [
          item.mutationId,
          principal.deviceId,
          item.clientSeq,
          JSON.stringify(result),
        ]);
      }
    }
    return { results };
  });
}

/** Conflicts and rejections carry the hub's values as they stand at the end of the push. */
async function resultOf(tx: Queryable, item: PushItem, outcome: Outcome, seqOf: Map<string, number>): Promise<PushResult> {
  switch (outcome.status) {
    case 'stored':
      return outcome.result;
    case 'applied':
      return { mutationId: item.mutationId, status: 'applied', seq: seqOf.get(item.mutationId)!, versions: outcome.event.versions };
    case 'rejected':
      return { mutationId: item.mutationId, status: 'rejected', reason: outcome.reason, detail: outcome.detail, current: await fieldStates(tx, outcome.scope, outcome.keys) };
    case 'conflict': {
      const theirs = await fieldStates(tx, outcome.scope, outcome.stale.map((s) => s.key));
      return { mutationId: item.mutationId, status: 'conflict', conflicts: outcome.stale.map((s, i) => ({ key: s.key, mine: s.mine, theirs: theirs[i]! })) };
    }
  }
}

export async function applyPush(db: HubDatabase, principal: Principal, request: PushRequest, now: Date): Promise<PushResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pushOnce(db, principal, request, now);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRIED_SQLSTATES.has(sqlState(error) ?? '')) throw error;
    }
  }
}
