/**
 * The writes of a decision's life, each a journaled mutation sent to the hub: a draft created and
 * saved, proposed (complete and lawful, by the instructeur), sent back (by the signataire, or
 * because the dossier changed since), signed and countersigned (each signed PDF's hash in the journal).
 * Replayed from the hub, a change follows the decision's life as the hub accepted it: the guards on
 * the state, version and role this desk's screens showed are the author's, and the hub's.
 */
import type { DeskRole } from '../../../shared/channels/decisions';
import type { DecisionContent, DecisionSignature, Decision, DecisionState } from '../../../shared/domain/decision';
import { RelaisError } from '../../../shared/errors';
import { decisions } from '../../../shared/sync/mutations';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { dossierSeqOf } from '../dossiers/seq';
import { storedDossier } from '../instruction/facts';
import { defineSyncedMutation } from '../mutations';
import { canonicalJson } from '../mutations/canonical-json';
import { requireRole } from './desk-settings';
import { problemsOf } from './problems';
import { contentOf, decisionRow, dossierChangedSince, dossierRevision, isVerdict, signaturesOf, signedVerdictOf, type DecisionRow } from './store';

const statements = statementsFor((db) => ({
  insert: db.prepare<[string, number, string, string, string, string, string]>(
    `INSERT INTO decision (id, dossier_seq, type, state, content, version, created_at, created_by, updated_at)
     VALUES (?, ?, ?, 'brouillon', ?, 1, ?, ?, ?)`,
  ),
  exists: db.prepare<[string], 1>('SELECT 1 FROM decision WHERE id = ?').pluck(),
  saveContent: db.prepare<[string, string, string]>('UPDATE decision SET content = ?, version = version + 1, updated_at = ? WHERE id = ?'),
  propose: db.prepare<{ id: string; at: string; revision: string }>(
    `UPDATE decision SET state = 'proposee', proposed_at = @at, proposed_revision = @revision, sent_back = NULL, version = version + 1, updated_at = @at
     WHERE id = @id`,
  ),
  toDraft: db.prepare<{ id: string; at: string; sentBack: string }>(
    `UPDATE decision SET state = 'brouillon', proposed_at = NULL, proposed_revision = NULL, sent_back = @sentBack, version = version + 1, updated_at = @at
     WHERE id = @id`,
  ),
  // A signature replayed onto a draft (its sending back here was overruled by the hub's) is proposed as it is signed.
  sign: db.prepare<{ id: string; at: string; revision: string }>(
    `UPDATE decision SET state = 'signee', sent_back = CASE WHEN proposed_at IS NULL THEN NULL ELSE sent_back END,
       proposed_at = COALESCE(proposed_at, @at), proposed_revision = COALESCE(proposed_revision, @revision), version = version + 1, updated_at = @at
     WHERE id = @id`,
  ),
  countersign: db.prepare<[string, string]>('UPDATE decision SET version = version + 1, updated_at = ? WHERE id = ?'),
  insertSignature: db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO decision_signature (decision_id, position, signer_name, signer_title, signed_at, pdf_sha256) VALUES (?, ?, ?, ?, ?, ?)',
  ),
}));

/** A guarded command names the state and version it acts on; anything else is refused. */
function guard(ctx: CoreContext, row: DecisionRow, expectedVersion: number | null, state: DecisionState): void {
  if (ctx.origin === 'hub') return;
  if (row.state !== state) throw new RelaisError(state === 'brouillon' ? 'decision_not_editable' : 'decision_not_proposed', { state: row.state });
  if (expectedVersion !== null && row.version !== expectedVersion) throw new RelaisError('decision_stale', { version: row.version, expected: expectedVersion });
}

const summary = (row: DecisionRow) => ({ decision: row.type, state: row.state });

/** The desk's role guard, which a replay does not apply: the hub checked its author's role. */
function requireOwnRole(ctx: CoreContext, needed: DeskRole): void {
  if (ctx.origin !== 'hub') requireRole(ctx, needed);
}

export const createDecision = defineSyncedMutation(decisions.createDecision, {
  apply(ctx, { decisionId, dossierId, content, at }) {
    // Replayed over a decision this desk has (adopted after a refused save): the hub's content, its state untouched.
    if (ctx.origin === 'hub' && statements(ctx.db).exists.get(decisionId)) return writeContent(ctx, decisionRow(ctx.db, decisionId), content, at);
    const seq = dossierSeqOf(ctx.db, dossierId);
    statements(ctx.db).insert.run(decisionId, seq, content.type, JSON.stringify(content), at, ctx.actor.name, at);
    return { dossierId, before: null, after: { decision: content.type, state: 'brouillon' }, result: undefined };
  },
});

/** The content's top-level fields whose value changed, for the journal. */
function changedFields(before: DecisionContent, after: DecisionContent): string[] {
  const keys = Object.keys(after) as (keyof DecisionContent)[];
  return keys.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

/** Writes a draft's new content; the journal keeps the fields that changed. */
function writeContent(ctx: CoreContext, row: DecisionRow, content: DecisionContent, at: string) {
  if (content.type !== row.type) {
    throw new RelaisError('invalid_arguments', { details: `content.type ${content.type}` }, [{ path: 'content.type', message: `the decision is a ${row.type}` }]);
  }
  const saved = contentOf(row);
  statements(ctx.db).saveContent.run(JSON.stringify(content), at, row.id);
  const fields = changedFields(saved, content);
  const pick = (from: DecisionContent) => Object.fromEntries(fields.map((field) => [field, from[field as keyof DecisionContent]]));
  return { dossierId: row.dossier_id, before: { decision: row.type, ...pick(saved) }, after: { decision: row.type, ...pick(content) }, result: undefined };
}

export const saveDecision = defineSyncedMutation(decisions.saveDecision, {
  apply(ctx, { id, expectedVersion, content, at }) {
    const row = decisionRow(ctx.db, id);
    guard(ctx, row, expectedVersion, 'brouillon');
    return writeContent(ctx, row, content, at);
  },
});

/** Refuses a second attribution, refusal or closure of a dossier that already has one signed. */
function refuseSecondVerdict(ctx: CoreContext, row: DecisionRow): void {
  if (ctx.origin === 'hub') return;
  const verdict = signedVerdictOf(ctx.db, row.dossier_seq);
  if (verdict && isVerdict(row.type)) {
    throw new RelaisError('decision_dossier_decided', { number: storedDossier(ctx.db, row.dossier_id).dossier.number, type: verdict });
  }
}

export const proposeDecision = defineSyncedMutation(decisions.proposeDecision, {
  apply(ctx, { id, expectedVersion, at }) {
    requireOwnRole(ctx, 'instructeur');
    const row = decisionRow(ctx.db, id);
    guard(ctx, row, expectedVersion, 'brouillon');
    refuseSecondVerdict(ctx, row);
    // Completeness is judged on the author's desk, against the dossier as it saw it.
    const problems = ctx.origin === 'hub' ? [] : problemsOf(ctx, row);
    if (problems.length > 0) {
      throw new RelaisError(
        'decision_not_proposable',
        { count: problems.length },
        problems.map((problem) => ({ path: `content.${problem.path}`, message: problem.code })),
      );
    }
    statements(ctx.db).propose.run({ id, at, revision: dossierRevision(ctx.db, row.dossier_seq) });
    return { dossierId: row.dossier_id, before: summary(row), after: { decision: row.type, state: 'proposee' }, result: undefined };
  },
});

type SentBack = NonNullable<Decision['sentBack']>;

function backToDraft(ctx: CoreContext, row: DecisionRow, sentBack: SentBack) {
  statements(ctx.db).toDraft.run({ id: row.id, at: sentBack.at, sentBack: JSON.stringify(sentBack) });
  return {
    dossierId: row.dossier_id,
    before: summary(row),
    after: { decision: row.type, state: 'brouillon', comment: sentBack.comment },
    result: undefined,
  };
}

export const sendBackDecision = defineSyncedMutation(decisions.sendBackDecision, {
  apply(ctx, { id, expectedVersion, comment, at }) {
    requireOwnRole(ctx, 'signataire');
    const row = decisionRow(ctx.db, id);
    guard(ctx, row, expectedVersion, 'proposee');
    return backToDraft(ctx, row, { at, by: ctx.actor.name, comment, dossierChanged: false });
  },
});

/** A proposal whose dossier changed since (new data or pieces from the applicant) is a draft to review again. */
export const reviewAgain = defineSyncedMutation(decisions.reviewAgain, {
  apply(ctx, { id, comment, at }) {
    const row = decisionRow(ctx.db, id);
    guard(ctx, row, null, 'proposee');
    if (ctx.origin !== 'hub' && !dossierChangedSince(ctx.db, row)) throw new RelaisError('decision_not_proposed', { state: row.state });
    return backToDraft(ctx, row, { at, by: ctx.actor.name, comment, dossierChanged: true });
  },
});

// The signed PDF is a blob, registered in the same transaction; its hash is what the journal keeps.
export const signDecision = defineSyncedMutation(decisions.signDecision, {
  apply(ctx, { id, type, signature }) {
    requireOwnRole(ctx, 'signataire');
    const row = decisionRow(ctx.db, id);
    if (type !== row.type) {
      throw new RelaisError('invalid_arguments', { details: `type ${type}` }, [{ path: 'type', message: `the decision is a ${row.type}` }]);
    }
    if (carriedAlready(ctx, row, signature)) return unchanged(row);
    guard(ctx, row, null, 'proposee');
    if (ctx.origin !== 'hub' && dossierChangedSince(ctx.db, row)) throw new RelaisError('decision_dossier_changed', { number: storedDossier(ctx.db, row.dossier_id).dossier.number });
    refuseSecondVerdict(ctx, row);
    statements(ctx.db).sign.run({ id, at: signature.signedAt, revision: dossierRevision(ctx.db, row.dossier_seq) });
    addSignature(ctx, id, signature);
    return { dossierId: row.dossier_id, before: summary(row), after: { decision: row.type, state: 'signee', ...signature }, result: undefined };
  },
});

/**
 * A signature the act here carries already, replayed once more (the hub's value taken back after a
 * refusal of a later signature of this desk): it is not added twice.
 */
function carriedAlready(ctx: CoreContext, row: DecisionRow, signature: DecisionSignature): boolean {
  return ctx.origin === 'hub' && signaturesOf(ctx.db, row.id).some((carried) => carried.pdfSha256 === signature.pdfSha256);
}

const unchanged = (row: DecisionRow) => ({ dossierId: row.dossier_id, before: summary(row), after: summary(row), result: undefined });

function addSignature(ctx: CoreContext, id: string, signature: DecisionSignature): void {
  statements(ctx.db).insertSignature.run(id, signaturesOf(ctx.db, id).length + 1, signature.signerName, signature.signerTitle, signature.signedAt, signature.pdfSha256);
}

/**
 * One more signature on a signed act (a second authority): its PDF is the last one with this
 * signature appended. The act, its state, its dossier and the signatures before stay as they were.
 */
export const countersignDecision = defineSyncedMutation(decisions.countersignDecision, {
  apply(ctx, { id, signature }) {
    requireOwnRole(ctx, 'signataire');
    const row = decisionRow(ctx.db, id);
    if (row.state !== 'signee' && ctx.origin !== 'hub') throw new RelaisError('decision_not_signed', { state: row.state });
    if (carriedAlready(ctx, row, signature)) return unchanged(row);
    statements(ctx.db).countersign.run(signature.signedAt, id);
    addSignature(ctx, id, signature);
    return {
      dossierId: row.dossier_id,
      before: { decision: row.type, signatures: signaturesOf(ctx.db, id).length - 1 },
      after: { decision: row.type, ...signature },
      result: undefined,
    };
  },
});
