/**
 * The evaluation mutations. 'evaluation.setCriterion' changes one criterion's status, comment or
 * evidence, over the version the screen started from, so that two windows cannot silently
 * overwrite each other; the journal keeps only the fields that changed, before and after. A
 * comment's draft (key `evaluation:<criterion id>`) is cleared when the comment is saved.
 */
import type { CriterionAssessment } from '../../../shared/domain/evaluation';
import type { Criterion, Programme } from '../../../shared/domain/programme';
import { RelaisError } from '../../../shared/errors';
import { evaluation } from '../../../shared/sync/mutations';
import { dossierSeqOf } from '../dossiers/seq';
import { statementsFor } from '../db/statements';
import { clearDraft } from '../drafts/store';
import { defineSyncedMutation } from '../mutations';
import { loadProgramme } from '../reference/programme';
import { checkEvidence } from './evidence';
import { assessmentsOf, scoreOf, unassessed } from './read';

const statements = statementsFor((db) => ({
  upsert: db.prepare<[number, string, string, string, string, string, number, string, string]>(
    `INSERT INTO evaluation_criterion (dossier_seq, criterion_id, status, comment, evidence, programme_version, version, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dossier_seq, criterion_id) DO UPDATE SET status = excluded.status, comment = excluded.comment,
       evidence = excluded.evidence, programme_version = excluded.programme_version, version = excluded.version,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ),
}));

/** The criterion of the programme in force, or 'invalid_arguments'. */
export function criterionOf(programme: Programme, criterionId: string): Criterion {
  const criterion = programme.criteria.find((candidate) => candidate.id === criterionId);
  if (criterion) return criterion;
  const message = `no criterion ${criterionId} in programme ${programme.version}`;
  throw new RelaisError('invalid_arguments', { details: `criterionId: ${message}` }, [{ path: 'criterionId', message }]);
}

const CHANGEABLE = ['status', 'comment', 'evidence'] as const;
type Changeable = (typeof CHANGEABLE)[number];

/** The fields the change really alters, with their values before and after. */
function changedFields(current: CriterionAssessment, next: CriterionAssessment) {
  const before: Partial<Pick<CriterionAssessment, Changeable>> = {};
  const after: Partial<Pick<CriterionAssessment, Changeable>> = {};
  for (const field of CHANGEABLE) {
    if (JSON.stringify(current[field]) === JSON.stringify(next[field])) continue;
    Object.assign(before, { [field]: current[field] });
    Object.assign(after, { [field]: next[field] });
  }
  return { before, after };
}

export const setCriterion = defineSyncedMutation(evaluation.setCriterion, {
  apply(ctx, { dossierId, criterionId, expectedVersion, status, comment, evidence, at, draftKey }) {
    const dossierSeq = dossierSeqOf(ctx.db, dossierId);
    const programme = loadProgramme();
    const criterion = criterionOf(programme, criterionId);
    const assessments = assessmentsOf(ctx.db, dossierSeq);
    const current = assessments.get(criterionId) ?? unassessed(criterionId);
    if (current.version !== expectedVersion && ctx.origin !== 'hub') {
      throw new RelaisError('evaluation_stale', { expected: expectedVersion, version: current.version, by: current.updatedBy ?? '' });
    }
    // What the evidence names was checked by the desk that chose it, against its dossier then.
    if (evidence && ctx.origin !== 'hub') checkEvidence(ctx.db, dossierSeq, dossierId, evidence);
    const next: CriterionAssessment = {
      criterionId,
      status: status ?? current.status,
      comment: comment ?? current.comment,
      evidence: evidence ?? current.evidence,
      version: current.version + 1,
      programmeVersion: programme.version,
      updatedAt: at,
      updatedBy: ctx.actor.name,
    };
    const s = statements(ctx.db);
    s.upsert.run(dossierSeq, criterionId, next.status, next.comment, JSON.stringify(next.evidence), programme.version, next.version, next.updatedAt!, next.updatedBy!);
    // A replayed comment leaves this desk's own unsaved one alone.
    if (draftKey && ctx.origin !== 'hub') clearDraft(ctx.db, dossierSeq, draftKey);
    assessments.set(criterionId, next);
    const { before, after } = changedFields(current, next);
    // The history names the criterion by its label as the programme worded it then.
    return {
      dossierId,
      before: { criterion: criterion.label, ...before },
      after: { criterion: criterion.label, ...after },
      result: { criterion: next, score: scoreOf(programme, assessments) },
    };
  },
});

