/** A dossier's evaluation as the desk shows it: the grid, each criterion's assessment and proposal, and the score. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { commentDraftKey, type CriterionView, type EvaluationView } from '../../../shared/channels/evaluation';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { CriterionAssessment, CriterionStatus, EvaluationScore, Evidence } from '../../../shared/domain/evaluation';
import type { Criterion, Programme } from '../../../shared/domain/programme';
import { territoryOfCommune } from '../../../shared/domain/territory';
import { propose, scoreEvaluation, type ProposalFacts } from '../../../shared/rules/evaluation';
import { dossierSeqOf } from '../dossiers/seq';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { draftsOfArea } from '../drafts/store';
import { loadProgramme } from '../reference/programme';
import { territoryTables } from '../reference/territories';

interface AssessmentRow {
  criterionId: string;
  status: CriterionStatus;
  comment: string;
  evidence: string;
  version: number;
  programmeVersion: string;
  updatedAt: string;
  updatedBy: string;
}

const statements = statementsFor((db) => ({
  assessments: db.prepare<[number], AssessmentRow>(
    `SELECT criterion_id AS criterionId, status, comment, evidence, version, programme_version AS programmeVersion,
       updated_at AS updatedAt, updated_by AS updatedBy
     FROM evaluation_criterion WHERE dossier_seq = ?`,
  ),
  source: db.prepare<[number], string>('SELECT json FROM dossier_source WHERE dossier_seq = ?').pluck(),
}));

export function assessmentOf(row: AssessmentRow): CriterionAssessment {
  return { ...row, evidence: JSON.parse(row.evidence) as Evidence[] };
}

/** A criterion nobody has assessed yet. */
export function unassessed(criterionId: string): CriterionAssessment {
  return { criterionId, status: 'to_check', comment: '', evidence: [], version: 0, programmeVersion: null, updatedAt: null, updatedBy: null };
}

/** The dossier's assessments by criterion id (criteria of an older grid included). */
export function assessmentsOf(db: Database, dossierSeq: number): Map<string, CriterionAssessment> {
  return new Map(statements(db).assessments.all(dossierSeq).map((row) => [row.criterionId, assessmentOf(row)]));
}

export function scoreOf(programme: Programme, assessments: ReadonlyMap<string, CriterionAssessment>): EvaluationScore {
  return scoreEvaluation(programme, new Map([...assessments].map(([id, assessment]) => [id, assessment.status])));
}

function proposalFacts(db: Database, dossierSeq: number): ProposalFacts {
  const dossier = JSON.parse(statements(db).source.get(dossierSeq)!) as DossierImport;
  return { dossier, siteTerritory: territoryOfCommune(territoryTables(), dossier.projet.siteCommuneInsee) };
}

export function evaluationView(ctx: CoreContext, dossierId: string): EvaluationView {
  const dossierSeq = dossierSeqOf(ctx.db, dossierId);
  const programme = loadProgramme();
  const assessments = assessmentsOf(ctx.db, dossierSeq);
  const drafts = new Map(draftsOfArea(ctx.db, dossierSeq, 'evaluation').map(({ key, text, savedAt }) => [key, { text, savedAt }]));
  const facts = proposalFacts(ctx.db, dossierSeq);
  const viewOf = (criterion: Criterion): CriterionView => ({
    ...(assessments.get(criterion.id) ?? unassessed(criterion.id)),
    proposal: criterion.proposedBy ? propose(criterion.proposedBy, facts) : null,
    draft: drafts.get(commentDraftKey(criterion.id)) ?? null,
  });
  return { programme, criteria: programme.criteria.map(viewOf), score: scoreOf(programme, assessments) };
}
