/**
 * A desk's push, applied in one transaction, item after item in the device's order: each item
 * applied once whatever the retries (its stored result is answered again), checked (arguments,
 * scope, role, entities, blobs, base versions, the decision's and the dossier's transitions), and
 * either applied, rejected with a reason, or answered as a conflict with both values.
 *
 * What the checks read is loaded once for the whole push (stored results, entities, blobs, the
 * dossiers, the fields, locked in key order) and followed in memory as items apply; field values,
 * entities, events and results are written at the end in a few statements. Only decisions and
 * dossier states are written item by item, each in a savepoint: one refused by a database
 * constraint (one signed verdict per dossier) becomes that item's rejection and the others go on.
 */
import type { DecisionCommand, SyncEffects, SyncedMutation } from '../../shared/sync/effects';
import { dossiers, syncedMutationNamed } from '../../shared/sync/mutations';
import type { PushItem, PushRequest, PushResponse, PushResult, RejectReason } from '../../shared/sync/protocol';
import type { HubDatabase, Principal, Queryable } from '../db/database';
import { checkDossierMove, isConstraintViolation, isDecidedStateTrigger, isVerdictConstraint } from './rules';
import { appendEvents, fieldStates, lockFields, SHARED_SCOPE, storeFieldWrites, type FieldRow, type FieldWrite, type NewEvent } from './store';

/** Deadlocks, serialization failures, an entity another push created meanwhile: the whole push is tried again. */
const RETRIED_SQLSTATES = new Set(['40P01', '40001']);
const ENTITY_KEY_CONSTRAINT = 'hub_entity_pkey';
const MAX_ATTEMPTS = 5;

class Refusal {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {}
}

function refuse(reason: RejectReason, detail: string): never {
  throw new Refusal(reason, detail);
}

/** An item whose arguments were valid, with what it does. */
interface Prepared {
  item: PushItem;
  args: unknown;
  effects: SyncEffects;
  scope: string;
}

type Outcome =
  | { status: 'applied'; event: NewEvent }
  | { status: 'rejected'; reason: RejectReason; detail: string; keys: string[]; scope: string }
  | { status: 'conflict'; stale: { key: string; mine: unknown }[]; scope: string }
  | { status: 'stored'; result: PushResult }
  /** The same mutation earlier in this push: the same result. */
  | { status: 'repeat'; of: number };

interface DossierRow {
  id: string;
  territory_id: string;
  assigned_email: string | null;
}

/** What the push's checks read, loaded once and kept up to date as items apply. */
interface PushState {
  stored: Map<string, PushResult>;
  /** client_seq → mutation id, for this device. */
  sequences: Map<number, string>;
  entities: Map<string, string | null>;
  completeBlobs: Set<string>;
  dossiers: Map<string, DossierRow>;
  /** `<scope>\n<key>` → the field as it stands, placeholders (version 0) included. */
  fields: Map<string, FieldRow>;
}

const fieldId = (scope: string, key: string) => `${scope}\n${key}`;

function prepare(item: PushItem, principal: Principal): Prepared | Outcome {
  const rejected = (reason: RejectReason, detail: string): Outcome => ({ status: 'rejected', reason, detail, keys: [], scope: SHARED_SCOPE });
  const synced: SyncedMutation<unknown> | undefined = syncedMutationNamed(item.name);
  if (!synced) return rejected('unknown_mutation', `The hub knows no change named ${item.name}.`);
  const parsed = synced.args.safeParse(item.args);
  if (!parsed.success) {
    return rejected('invalid_args', parsed.error.issues.map((issue) => `${issue.path.join('.') || '(args)'}: ${issue.message}`).join('; ').slice(0, 2_000));
  }
  const effects = synced.effects(parsed.data, item.dossierId);
  return { item, args: parsed.data, effects, scope: effects.personal ? principal.user.id : SHARED_SCOPE };
}

async function loadState(tx: Queryable, principal: Principal, items: readonly PushItem[], prepared: readonly Prepared[]): Promise<PushState> {
  const applied = await tx.query<{ mutation_id: string; device_id: string; client_seq: number; result: PushResult }>(
    'SELECT mutation_id, device_id, client_seq, result FROM hub_applied WHERE mutation_id = ANY($1::uuid[]) OR (device_id = $2 AND client_seq = ANY($3::bigint[]))',
    [items.map((i) => i.mutationId), principal.deviceId, items.map((i) => i.clientSeq)],
  );
  const entityKeys = [...new Set(prepared.flatMap((p) => [...p.effects.inserts, ...p.effects.refs]))];
  const entities = await tx.query<{ key: string; dossier_id: string | null }>('SELECT key, dossier_id FROM hub_entity WHERE key = ANY($1::text[])', [entityKeys]);
  const blobs = await tx.query<{ sha256: string }>('SELECT sha256 FROM hub_blob WHERE complete AND sha256 = ANY($1::text[])', [
    [...new Set(prepared.flatMap((p) => p.effects.blobs))],
  ]);
  const dossierIds = [...new Set(prepared.flatMap((p) => (p.item.dossierId ? [p.item.dossierId] : [])))];
  const dossierRows = await tx.query<DossierRow>('SELECT id, territory_id, assigned_email FROM hub_dossier WHERE id = ANY($1::uuid[])', [dossierIds]);
  const fields = new Map<string, FieldRow>();
  for (const scope of new Set(prepared.map((p) => p.scope))) {
    const entries = new Map(prepared.filter((p) => p.scope === scope).flatMap((p) => p.effects.sets.map((set) => [set.key, p.item.dossierId] as const)));
    for (const [key, row] of await lockFields(tx, scope, entries)) fields.set(fieldId(scope, key), row);
  }
  return {
    stored: new Map(applied.rows.map((row) => [row.mutation_id, row.result])),
    sequences: new Map(applied.rows.filter((row) => row.device_id === principal.deviceId).map((row) => [row.client_seq, row.mutation_id])),
    entities: new Map(entities.rows.map((row) => [row.key, row.dossier_id])),
    completeBlobs: new Set(blobs.rows.map((row) => row.sha256)),
    dossiers: new Map(dossierRows.rows.map((row) => [row.id, row])),
    fields,
  };
}

/** Made by the hub alone (recordHubEvents), which also keeps its dossier table: never taken from a push. */
const HUB_MADE = new Set([dossiers.importDossier.name]);

function checkRole(principal: Principal, name: string, effects: SyncEffects): void {
  if (HUB_MADE.has(name)) refuse('forbidden_role', 'Only the hub itself imports dossiers.');
  const role = principal.user.role;
  const allowed = effects.roles ? effects.roles.includes(role) : role !== 'administrateur';
  if (!allowed) refuse('forbidden_role', `The role ${role} may not make this change.`);
}

function checkScope(principal: Principal, dossier: DossierRow | undefined, dossierId: string): void {
  if (!dossier) refuse('entity_missing', `The hub holds no dossier ${dossierId}.`);
  const { user } = principal;
  const inScope = user.role === 'administrateur' || user.territories.includes(dossier.territory_id) || dossier.assigned_email?.toLowerCase() === user.email.toLowerCase();
  if (!inScope) refuse('out_of_scope', 'This dossier is neither in your territories nor assigned to you.');
}

function checkEntities(state: PushState, effects: SyncEffects, dossierId: string | null): void {
  for (const key of effects.inserts) if (state.entities.has(key)) refuse('entity_exists', `${key} already exists on the hub.`);
  for (const key of effects.refs) {
    if (!state.entities.has(key)) refuse('entity_missing', `${key} is not on the hub.`);
    if (state.entities.get(key) !== dossierId) refuse('entity_other_dossier', `${key} belongs to another dossier.`);
  }
  const missing = effects.blobs.filter((sha) => !state.completeBlobs.has(sha));
  if (missing.length > 0) refuse('blob_missing', `The hub holds no complete blob ${missing.join(', ')}.`);
}

/** The sets whose base is not what the hub holds: a number must be the current version, a mutation id its last writer. */
function staleSets(state: PushState, prepared: Prepared) {
  return prepared.effects.sets.filter(({ key }) => {
    const field = state.fields.get(fieldId(prepared.scope, key))!;
    const seen = prepared.item.base[key] ?? 0;
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

async function applyDossierState(tx: Queryable, to: NonNullable<SyncEffects['dossierState']>, dossierId: string): Promise<void> {
  const { rows } = await tx.query<{ state: string }>('SELECT state FROM hub_dossier WHERE id = $1 FOR UPDATE', [dossierId]);
  const problem = checkDossierMove(rows[0]!.state, to);
  if (problem) refuse(problem.reason, problem.detail);
  await tx.query('UPDATE hub_dossier SET state = $2 WHERE id = $1', [dossierId, to]);
}

/** The writes that may break a database rule, in a savepoint of their own. */
async function applyGuardedWrites(tx: Queryable, effects: SyncEffects, dossierId: string | null): Promise<void> {
  if (!effects.decision && !effects.dossierState) return;
  await tx.exec('SAVEPOINT push_item');
  try {
    if (effects.decision) await applyDecision(tx, effects.decision, dossierId);
    if (effects.dossierState && dossierId !== null) await applyDossierState(tx, effects.dossierState, dossierId);
    await tx.exec('RELEASE SAVEPOINT push_item');
  } catch (error) {
    // Rolled back, then released: savepoints do not pile up over a long push.
    await tx.exec('ROLLBACK TO SAVEPOINT push_item; RELEASE SAVEPOINT push_item');
    if (error instanceof Refusal) throw error;
    if (isVerdictConstraint(error)) refuse('dossier_already_decided', 'This dossier already has a signed verdict.');
    if (isDecidedStateTrigger(error)) refuse('dossier_already_decided', 'This dossier is decided: its state is final.');
    if (isConstraintViolation(error)) refuse('invalid_args', `Refused by the hub's database: ${String((error as Error).message)}`);
    throw error;
  }
}

async function applyItem(tx: Queryable, principal: Principal, state: PushState, prepared: Prepared, now: Date, pending: PendingWrites): Promise<Outcome> {
  const { item, effects, scope } = prepared;
  const keys = effects.sets.map((set) => set.key);
  try {
    checkRole(principal, item.name, effects);
    // Only a person's own settings live outside any dossier (and outside anyone's scope).
    if (item.dossierId === null && !effects.personal) refuse('invalid_args', 'This change must name the dossier it was made on.');
    if (item.dossierId !== null) checkScope(principal, state.dossiers.get(item.dossierId), item.dossierId);
    checkEntities(state, effects, item.dossierId);
    const stale = staleSets(state, prepared);
    if (stale.length > 0) return { status: 'conflict', stale: stale.map(({ key, value }) => ({ key, mine: value })), scope };
    await applyGuardedWrites(tx, effects, item.dossierId);
  } catch (error) {
    if (error instanceof Refusal) return { status: 'rejected', reason: error.reason, detail: error.detail, keys, scope };
    throw error;
  }
  if (effects.assignedEmail !== undefined && item.dossierId !== null) {
    await tx.query('UPDATE hub_dossier SET assigned_email = $2 WHERE id = $1', [item.dossierId, effects.assignedEmail]);
    state.dossiers.get(item.dossierId)!.assigned_email = effects.assignedEmail;
  }
  for (const key of effects.inserts) {
    state.entities.set(key, item.dossierId);
    pending.entities.push({ key, dossier_id: item.dossierId, mutation_id: item.mutationId });
  }
  const versions: Record<string, number> = {};
  for (const { key, value } of effects.sets) {
    const field = state.fields.get(fieldId(scope, key))!;
    Object.assign(field, { value, version: field.version + 1, mutation_id: item.mutationId });
    versions[key] = field.version;
    pending.fields.push({ scope, key, value, version: field.version, mutationId: item.mutationId });
  }
  const event: NewEvent = {
    mutationId: item.mutationId,
    name: item.name,
    args: prepared.args,
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
}

/** Conflicts and rejections carry the hub's values as they stand at the end of the push. */
async function resultOf(tx: Queryable, item: PushItem, outcome: Outcome, seqOf: Map<string, number>): Promise<PushResult> {
  switch (outcome.status) {
    case 'stored':
      return outcome.result;
    case 'repeat':
      throw new Error('a repeated item takes the result of its first occurrence');
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

/** What applied items leave to write at the end of the push. */
interface PendingWrites {
  fields: FieldWrite[];
  entities: { key: string; dossier_id: string | null; mutation_id: string }[];
}

async function writePending(tx: Queryable, pending: PendingWrites): Promise<void> {
  // The last write of each key holds its final value and version.
  const lastWrites = new Map(pending.fields.map((write) => [fieldId(write.scope, write.key), write]));
  await storeFieldWrites(tx, [...lastWrites.values()]);
  if (pending.entities.length > 0) {
    await tx.query(
      'INSERT INTO hub_entity (key, dossier_id, mutation_id) SELECT key, dossier_id, mutation_id FROM jsonb_to_recordset($1::jsonb) AS e(key text, dossier_id uuid, mutation_id uuid)',
      [JSON.stringify(pending.entities)],
    );
  }
}

async function storeResults(tx: Queryable, principal: Principal, stored: { item: PushItem; result: PushResult }[]): Promise<void> {
  if (stored.length === 0) return;
  await tx.query(
    `INSERT INTO hub_applied (mutation_id, device_id, client_seq, result)
     SELECT mutation_id, $1, client_seq, result FROM jsonb_to_recordset($2::jsonb) AS r(mutation_id uuid, client_seq bigint, result jsonb)`,
    [principal.deviceId, JSON.stringify(stored.map(({ item, result }) => ({ mutation_id: item.mutationId, client_seq: item.clientSeq, result })))],
  );
}

async function pushOnce(db: HubDatabase, principal: Principal, request: PushRequest, now: Date): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    // One push at a time per device: a retry racing its original waits, then finds its results stored.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [principal.deviceId]);
    const prepared = request.items.map((item) => prepare(item, principal));
    const state = await loadState(tx, principal, request.items, prepared.filter((p): p is Prepared => 'item' in p));
    const pending: PendingWrites = { fields: [], entities: [] };
    const outcomes: Outcome[] = [];
    /** The index of each mutation first met in this push: one sent twice in a push is answered twice alike. */
    const firstOf = new Map<string, number>();
    for (const [i, item] of request.items.entries()) {
      const stored = state.stored.get(item.mutationId);
      const owner = state.sequences.get(item.clientSeq);
      const preparedItem = prepared[i]!;
      let outcome: Outcome;
      if (stored) outcome = { status: 'stored', result: stored };
      else if (firstOf.has(item.mutationId)) outcome = { status: 'repeat', of: firstOf.get(item.mutationId)! };
      else if (owner !== undefined && owner !== item.mutationId) {
        outcome = { status: 'rejected', reason: 'sequence_reused', detail: `Sequence number ${item.clientSeq} was used by another change of this device.`, keys: [], scope: SHARED_SCOPE };
      } else {
        outcome = 'item' in preparedItem ? await applyItem(tx, principal, state, preparedItem, now, pending) : preparedItem;
        firstOf.set(item.mutationId, i);
        state.sequences.set(item.clientSeq, item.mutationId);
      }
      outcomes.push(outcome);
    }
    await writePending(tx, pending);
    const applied = outcomes.flatMap((outcome) => (outcome.status === 'applied' ? [outcome.event] : []));
    const seqs = await appendEvents(tx, applied);
    const seqOf = new Map(applied.map((event, i) => [event.mutationId, seqs[i]!]));
    const results: PushResult[] = [];
    for (const [i, outcome] of outcomes.entries()) results.push(outcome.status === 'repeat' ? results[outcome.of]! : await resultOf(tx, request.items[i]!, outcome, seqOf));
    // Stored: the result of each mutation met for the first time (not a reused sequence number: the device's mistake, not a result).
    await storeResults(tx, principal, [...firstOf.values()].map((i) => ({ item: request.items[i]!, result: results[i]! })));
    return { results };
  });
}

function isRetried(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  // Another push created the same entity meanwhile: tried again, the item meets it as existing.
  return RETRIED_SQLSTATES.has(String(code)) || (code === '23505' && constraint === ENTITY_KEY_CONSTRAINT);
}

export async function applyPush(db: HubDatabase, principal: Principal, request: PushRequest, now: Date): Promise<PushResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pushOnce(db, principal, request, now);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetried(error)) throw error;
    }
  }
}
