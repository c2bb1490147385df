/**
 * 'bulk.run' and 'bulk.undo': one action on many dossiers, as one mutation per dossier in one
 * transaction under a batch id. A dossier the action would not change is skipped with the
 * reason, so the journal holds only real changes and an undo reverses exactly those.
 */
import type { BulkAction, BulkResult, BulkTarget, SkipReason } from '../../../shared/channels/bulk';
import type { DossierState } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { setFollowed } from '../dossiers/follow';
import { matchingDossierIds } from '../dossiers/list';
import { mutationCall, runMutations, type MutationCall } from '../mutations';
import { addLabel, assignDossier, backToConstruction, passToInstruction, removeLabel } from './mutations';

/** What a step needs to know of a dossier to decide whether the action changes it. */
interface DossierFacts {
  id: string;
  number: number;
  state: DossierState;
  followed: number;
  assignedEmail: string | null;
  /** Whether it carries the action's label (0 without a label). */
  labelled: number;
}

/** A row of the facts query: an id the case file does not hold comes back with nulls. */
type FactsRow = DossierFacts | { [K in keyof DossierFacts]: null };

/** The change one dossier gets, or why it gets none. */
type Step = (dossier: DossierFacts, batchId: string) => MutationCall | SkipReason;

/** How many skipped numbers a result lists per reason. */
const SKIPPED_NUMBERS_SHOWN = 20;

const statements = statementsFor((db) => ({
  facts: db.prepare<{ ids: string; label: string | null }, FactsRow>(
    `SELECT d.id, d.number, d.state, d.followed, d.assigned_email AS assignedEmail,
       EXISTS (SELECT 1 FROM dossier_label l WHERE l.dossier_seq = d.seq AND l.label = @label) AS labelled
     FROM json_each(@ids) j LEFT JOIN dossier d ON d.id = j.value ORDER BY j.key`,
  ),
  lastJournalSeq: db.prepare<[], number | null>('SELECT max(seq) FROM journal').pluck(),
  journalSince: db.prepare<[number], string>('SELECT mutation_id FROM journal WHERE seq > ? ORDER BY seq').pluck(),
  insertBatch: db.prepare<{ id: string; action: string; params: string; actorId: string; createdAt: string; undoes: string | null }>(
    `INSERT INTO bulk_batch (id, action, params, actor_id, created_at, undoes)
     VALUES (@id, @action, @params, @actorId, @createdAt, @undoes)`,
  ),
  insertItem: db.prepare<{ batchId: string; position: number; dossierId: string; mutationId: string | null; skipped: string | null }>(
    `INSERT INTO bulk_item (batch_id, position, dossier_id, mutation_id, skipped)
     VALUES (@batchId, @position, @dossierId, @mutationId, @skipped)`,
  ),
  batch: db.prepare<[string], { id: string; action: string; params: string; undoes: string | null }>(
    'SELECT id, action, params, undoes FROM bulk_batch WHERE id = ?',
  ),
  undoneBy: db.prepare<[string], string>('SELECT id FROM bulk_batch WHERE undoes = ?').pluck(),
  /** The batch's changes that left the outbox's waiting state (sent to the hub, or settled by it). */
  sentCount: db
    .prepare<[string], number>(
      `SELECT count(*) FROM bulk_item i JOIN outbox o ON o.mutation_id = i.mutation_id
       WHERE i.batch_id = ? AND o.state <> 'waiting'`,
    )
    .pluck(),
  doneItems: db.prepare<[string], { dossierId: string; before: string }>(
    `SELECT i.dossier_id AS dossierId, j.before FROM bulk_item i JOIN journal j ON j.mutation_id = i.mutation_id
     WHERE i.batch_id = ? ORDER BY i.position`,
  ),
}));

function labelOf(action: BulkAction): string | null {
  return action.kind === 'addLabel' || action.kind === 'removeLabel' ? action.label : null;
}

/** The step of each action: the mutation it runs on a dossier it changes. */
function stepOf(action: BulkAction): Step {
  switch (action.kind) {
    case 'follow':
      return (d, batchId) => (d.followed ? 'already_followed' : mutationCall(setFollowed, { id: d.id, followed: true, batchId }));
    case 'unfollow':
      return (d, batchId) => (d.followed ? mutationCall(setFollowed, { id: d.id, followed: false, batchId }) : 'not_followed');
    case 'addLabel':
      return (d, batchId) => (d.labelled ? 'already_labelled' : mutationCall(addLabel, { id: d.id, label: action.label, batchId }));
    case 'removeLabel':
      return (d, batchId) => (d.labelled ? mutationCall(removeLabel, { id: d.id, label: action.label, batchId }) : 'not_labelled');
    case 'assign':
      return assignStep(() => action.instructor);
    case 'passToInstruction':
      return (d, batchId) =>
        d.state === 'en_construction' ? mutationCall(passToInstruction, { id: d.id, batchId }) : 'not_en_construction';
  }
}

function assignStep(instructorFor: (dossierId: string) => { email: string; name: string } | null): Step {
  return (d, batchId) => {
    const instructor = instructorFor(d.id);
    if ((instructor?.email ?? null) === d.assignedEmail) return 'already_assigned';
    return mutationCall(assignDossier, { id: d.id, instructor, batchId });
  };
}

/** The opposite of a batch's action; an assignment goes back to each dossier's former instructor. */
function undoStepOf(ctx: CoreContext, batchId: string, action: BulkAction): Step {
  switch (action.kind) {
    case 'follow':
      return stepOf({ kind: 'unfollow' });
    case 'unfollow':
      return stepOf({ kind: 'follow' });
    case 'addLabel':
      return stepOf({ kind: 'removeLabel', label: action.label });
    case 'removeLabel':
      return stepOf({ kind: 'addLabel', label: action.label });
    case 'assign': {
      const former = new Map(
        statements(ctx.db)
          .doneItems.all(batchId)
          .map(({ dossierId, before }) => [dossierId, (JSON.parse(before) as { instructor: { email: string; name: string } | null }).instructor]),
      );
      return assignStep((dossierId) => former.get(dossierId) ?? null);
    }
    case 'passToInstruction':
      return (d, undoId) =>
        d.state === 'en_instruction' ? mutationCall(backToConstruction, { id: d.id, batchId: undoId }) : 'not_en_instruction';
  }
}

interface BatchSpec {
  action: BulkAction['kind'] | 'undo';
  params: unknown;
  undoes: string | null;
  ids: readonly string[];
  label: string | null;
  step: Step;
}

/** Runs the steps in one transaction and records the batch with what each dossier got. */
function runBatch(ctx: CoreContext, spec: BatchSpec): BulkResult {
  const s = statements(ctx.db);
  const batchId = ctx.newId();
  return ctx.db.transaction((): BulkResult => {
    const facts = s.facts.all({ ids: JSON.stringify(spec.ids), label: spec.label });
    const outcomes = facts.map((dossier, position) => {
      const outcome = dossier.id === null ? ('unknown_dossier' as const) : spec.step(dossier, batchId);
      return { dossierId: spec.ids[position]!, number: dossier.number, outcome };
    });
    const calls = outcomes.flatMap(({ outcome }) => (typeof outcome === 'string' ? [] : [outcome]));
    const journalBefore = s.lastJournalSeq.get() ?? 0;
    runMutations(ctx, calls);
    const mutationIds = s.journalSince.all(journalBefore);

    s.insertBatch.run({
      id: batchId,
      action: spec.action,
      params: JSON.stringify(spec.params),
      actorId: ctx.actor.id,
      createdAt: ctx.clock().toISOString(),
      undoes: spec.undoes,
    });
    const skipped = new Map<SkipReason, (number | null)[]>();
    let done = 0;
    outcomes.forEach(({ dossierId, number, outcome }, position) => {
      const reason = typeof outcome === 'string' ? outcome : null;
      if (reason) skipped.set(reason, [...(skipped.get(reason) ?? []), number]);
      const mutationId = reason ? null : mutationIds[done++]!;
      s.insertItem.run({ batchId, position, dossierId, mutationId, skipped: reason });
    });
    return {
      batchId,
      action: spec.action,
      done,
      skipped: [...skipped].map(([reason, numbers]) => ({
        reason,
        count: numbers.length,
        numbers: numbers.filter((n): n is number => n !== null).slice(0, SKIPPED_NUMBERS_SHOWN),
      })),
      undoable: spec.undoes === null && done > 0,
    };
  })();
}

function targetIds(ctx: CoreContext, target: BulkTarget): readonly string[] {
  return 'ids' in target ? [...new Set(target.ids)] : matchingDossierIds(ctx, target.filters);
}

export function runBulk(ctx: CoreContext, action: BulkAction, target: BulkTarget): BulkResult {
  return runBatch(ctx, {
    action: action.kind,
    params: action,
    undoes: null,
    ids: targetIds(ctx, target),
    label: labelOf(action),
    step: stepOf(action),
  });
}

/** Undoes a batch whose changes all still wait in the outbox; the undo is a batch of its own. */
export function undoBulk(ctx: CoreContext, batchId: string): BulkResult {
  return ctx.db.transaction(() => undoInTransaction(ctx, batchId))();
}

function undoInTransaction(ctx: CoreContext, batchId: string): BulkResult {
  const s = statements(ctx.db);
  const batch = s.batch.get(batchId);
  if (!batch) throw new RelaisError('not_found', { what: `batch ${batchId}` });
  if (batch.undoes !== null) throw new RelaisError('bulk_not_undoable');
  if (s.undoneBy.get(batchId)) throw new RelaisError('bulk_already_undone');
  const sent = s.sentCount.get(batchId) ?? 0;
  if (sent > 0) throw new RelaisError('bulk_undo_synced', { count: sent });
  const action = JSON.parse(batch.params) as BulkAction;
  return runBatch(ctx, {
    action: 'undo',
    params: { undoes: batchId },
    undoes: batchId,
    ids: s.doneItems.all(batchId).map((item) => item.dossierId),
    label: labelOf(action),
    step: undoStepOf(ctx, batchId, action),
  });
}
