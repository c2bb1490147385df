/** Reading decisions and their signatures back from the case file, and what a proposal was made on. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { DecisionContent, type Decision, type DecisionSignature, type DecisionState, type DecisionType } from '../../../shared/domain/decision';
import type { QueuedDecision } from '../../../shared/channels/decisions';
import type { DossierImport } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';
import { dossierSeqOf } from '../dossiers/seq';
import { canonicalJson } from '../mutations/canonical-json';

/** The acts that decide a dossier: at most one of them is signed per dossier (migration 007's index). */
const VERDICT_TYPES: readonly DecisionType[] = ['attribution', 'refus', 'sans-suite'];

export function isVerdict(type: DecisionType): boolean {
  return VERDICT_TYPES.includes(type);
}

export interface DecisionRow {
  id: string;
  dossier_id: string;
  dossier_seq: number;
  type: DecisionType;
  state: DecisionState;
  content: string;
  version: number;
  proposed_at: string | null;
  proposed_revision: string | null;
  sent_back: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `x.id, d.id AS dossier_id, x.dossier_seq, x.type, x.state, x.content, x.version, x.proposed_at, x.proposed_revision,
  x.sent_back, x.created_at, x.updated_at`;

const statements = statementsFor((db) => ({
  decision: db.prepare<[string], DecisionRow>(`SELECT ${COLUMNS} FROM decision x JOIN dossier d ON d.seq = x.dossier_seq WHERE x.id = ?`),
  ofDossier: db.prepare<[number], DecisionRow>(
    `SELECT ${COLUMNS} FROM decision x JOIN dossier d ON d.seq = x.dossier_seq WHERE x.dossier_seq = ? ORDER BY x.created_at, x.id`,
  ),
  proposed: db.prepare<[], DecisionRow & { number: number; company: string; project: string }>(
    `SELECT ${COLUMNS}, d.number, d.demandeur_name AS company, d.projet_title AS project
     FROM decision x JOIN dossier d ON d.seq = x.dossier_seq WHERE x.state = 'proposee' ORDER BY x.proposed_at, x.id`,
  ),
  signatures: db.prepare<[string], DecisionSignature>(
    `SELECT signer_name AS signerName, signer_title AS signerTitle, signed_at AS signedAt, pdf_sha256 AS pdfSha256
     FROM decision_signature WHERE decision_id = ? ORDER BY position`,
  ),
  source: db.prepare<[number], string>('SELECT json FROM dossier_source WHERE dossier_seq = ?').pluck(),
  sameReference: db.prepare<[string, string], string | undefined>(
    `SELECT id FROM decision WHERE json_extract(content, '$.reference') = ? AND id <> ? AND state <> 'brouillon' LIMIT 1`,
  ).pluck(),
  verdict: db.prepare<[number], DecisionType | undefined>(
    `SELECT type FROM decision WHERE dossier_seq = ? AND state = 'signee' AND type IN ('attribution', 'refus', 'sans-suite')`,
  ).pluck(),
}));

export function decisionRow(db: Database, id: string): DecisionRow {
  const row = statements(db).decision.get(id);
  if (!row) throw new RelaisError('not_found', { what: `decision ${id}` });
  return row;
}

export function contentOf(row: DecisionRow): DecisionContent {
  return DecisionContent.parse(JSON.parse(row.content));
}

export function signaturesOf(db: Database, id: string): DecisionSignature[] {
  return statements(db).signatures.all(id);
}

export function decisionOf(db: Database, row: DecisionRow): Decision {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    state: row.state,
    content: contentOf(row),
    version: row.version,
    proposedAt: row.proposed_at,
    sentBack: row.sent_back === null ? null : (JSON.parse(row.sent_back) as Decision['sentBack']),
    signatures: signaturesOf(db, row.id),
    updatedAt: row.updated_at,
  };
}

export function getDecision(db: Database, id: string): Decision {
  return decisionOf(db, decisionRow(db, id));
}

/** A dossier's decisions, oldest first. */
export function decisionsOf(db: Database, dossierId: string): Decision[] {
  return statements(db).ofDossier.all(dossierSeqOf(db, dossierId)).map((row) => decisionOf(db, row));
}

/** The « à signer » queue: every proposal, oldest first, with what identifies its dossier. */
export function proposedDecisions(db: Database): QueuedDecision[] {
  return statements(db).proposed.all().map(({ number, company, project, ...row }) => ({ decision: decisionOf(db, row), dossierNumber: number, company, project }));
}

/** The proposals still waiting, as rows (the review after an import reads them). */
export function proposedRows(db: Database): DecisionRow[] {
  return statements(db).proposed.all();
}

/**
 * What the applicant has sent, as the hub last gave it: the company, the project, its finances,
 * the form's fields and the pieces (by hash), hashed. A proposal records it; when an import
 * changes it, the proposal is to be reviewed again. The dossier's state, dates, labels and
 * instructor are left out: they change with the instruction itself (a decision signed, the hub's
 * echo of it), not with what the act decides on.
 */
export function dossierRevision(db: Database, seq: number): string {
  const { demandeur, projet, finance, champs, pieces } = JSON.parse(statements(db).source.get(seq)!) as DossierImport;
  return createHash('sha256').update(canonicalJson({ demandeur, projet, finance, champs, pieces })).digest('hex');
}

export function dossierChangedSince(db: Database, row: DecisionRow): boolean {
  return row.proposed_revision !== null && row.proposed_revision !== dossierRevision(db, row.dossier_seq);
}

/** Whether another act already proposed or signed carries this reference number. */
export function referenceTaken(db: Database, reference: string, exceptId: string): boolean {
  return statements(db).sameReference.get(reference, exceptId) !== undefined;
}

/** The type of the dossier's signed verdict (attribution, refusal, closure), if it has one. */
export function signedVerdictOf(db: Database, seq: number): DecisionType | undefined {
  return statements(db).verdict.get(seq);
}
