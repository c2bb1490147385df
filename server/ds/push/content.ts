/**
 * What the hub sends to DS, read from what it holds: a dossier's signed verdict (its content and
 * its last signed PDF) with the motivation DS shows the applicant, and the text of all the
 * dossier's current notes for the notes annotation.
 */
import type { DecisionContent } from '../../../shared/domain/decision';
import { formatEuros } from '../../../shared/domain/money';
import { readBlob } from '../../blobs/store';
import type { Queryable } from '../../db/database';
import { SHARED_SCOPE } from '../../sync/store';

export type VerdictKind = 'accepter' | 'refuser' | 'classer_sans_suite';

const TYPE_OF_KIND: Record<VerdictKind, DecisionContent['type']> = { accepter: 'attribution', refuser: 'refus', classer_sans_suite: 'sans-suite' };

export interface SignedVerdict {
  decisionId: string;
  motivation: string;
  filename: string;
  pdfSha256: string;
  pdf: Buffer;
}

function frenchDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** The motivation DS shows the applicant with the decision (the signed act itself is the justificatif). */
export function motivationOf(content: DecisionContent): string {
  switch (content.type) {
    case 'refus':
      return `Motifs de droit : ${content.reasonsOfLaw}\n\nMotifs de fait : ${content.reasonsOfFact}`;
    case 'sans-suite':
      return content.reason;
    case 'attribution':
      return `Subvention attribuée par l’arrêté n° ${content.reference} du ${frenchDate(content.date)}, d’un montant maximal de ${formatEuros(content.amountCents, 'fr')}.`;
    default:
      return content.remarks;
  }
}

/** The dossier's signed verdict for that DS decision, or a sentence saying why there is none to send. */
export async function signedVerdict(db: Queryable, dossierId: string, kind: VerdictKind): Promise<SignedVerdict | string> {
  const type = TYPE_OF_KIND[kind];
  const { rows } = await db.query<{ id: string; content: DecisionContent }>(
    `SELECT d.id, f.value AS content FROM hub_decision d
     JOIN hub_field f ON f.scope = $3 AND f.key = 'decision:' || d.id || ':content'
     WHERE d.dossier_id = $1 AND d.state = 'signee' AND d.type = $2`,
    [dossierId, type, SHARED_SCOPE],
  );
  const decision = rows[0];
  if (!decision) return `The hub holds no signed ${type} decision for this dossier, so there is no act to send to DS.`;
  const { rows: signatures } = await db.query<{ sha256: string }>(
    `SELECT args->'signature'->>'pdfSha256' AS sha256 FROM hub_event
     WHERE name IN ('decision.sign', 'decision.countersign') AND args->>'id' = $1 ORDER BY seq DESC LIMIT 1`,
    [decision.id],
  );
  const sha256 = signatures[0]?.sha256;
  if (!sha256) return `The ${type} decision of this dossier has no signed PDF on the hub.`;
  const { bytes } = await readBlob(db, sha256);
  const reference = decision.content.reference.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return { decisionId: decision.id, motivation: motivationOf(decision.content), filename: `${type}-${reference}.pdf`, pdfSha256: sha256, pdf: Buffer.from(bytes) };
}

interface Note {
  author: string;
  at: string;
  text: string;
  removed: boolean;
}

/** All the dossier's current notes, oldest first, each with its author and date; empty when none is left. */
export async function notesText(db: Queryable, dossierId: string): Promise<string> {
  const { rows } = await db.query<{ name: string; args: { annotationId: string; text?: string; at: string }; actor_name: string }>(
    `SELECT name, args, actor_name FROM hub_event WHERE dossier_id = $1 AND name IN ('annotation.add', 'annotation.edit', 'annotation.remove') ORDER BY seq`,
    [dossierId],
  );
  const notes = new Map<string, Note>();
  for (const row of rows) {
    const { annotationId, text, at } = row.args;
    const note = notes.get(annotationId);
    if (row.name === 'annotation.add') notes.set(annotationId, { author: row.actor_name, at, text: text ?? '', removed: false });
    else if (note && row.name === 'annotation.edit') Object.assign(note, { author: row.actor_name, at, text: text ?? note.text });
    else if (note) note.removed = true;
  }
  return [...notes.values()]
    .filter((note) => !note.removed)
    .map((note) => `${note.author} — ${frenchDate(note.at)}\n${note.text}`)
    .join('\n\n');
}
