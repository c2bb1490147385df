/**
 * A signature the hub refused (the proposal was signed first on another desk, or the dossier was
 * decided meanwhile) is withdrawn from the act on this desk and kept on record with the reason, so
 * that the hub's own signature may then land on the proposal. The signed PDF stays a blob. The
 * signatures made after it on this desk rest on its PDF: they go with it.
 */
import { z } from 'zod';
import { Id, IsoDateTime, Sha256 } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { RejectReason } from '../../../shared/sync/protocol';
import { statementsFor } from '../db/statements';
import type { CoreContext } from '../context';
import { defineMutation, runMutation } from '../mutations';
import { decisionRow, signaturesOf } from './store';

const statements = statementsFor((db) => ({
  record: db.prepare<{ id: string; signerName: string; signerTitle: string; signedAt: string; pdfSha256: string; reason: string; at: string }>(
    `INSERT INTO decision_signature_refused (decision_id, signer_name, signer_title, signed_at, pdf_sha256, reason, refused_at)
     VALUES (@id, @signerName, @signerTitle, @signedAt, @pdfSha256, @reason, @at)
     ON CONFLICT DO NOTHING`,
  ),
  remove: db.prepare<[string, number]>('DELETE FROM decision_signature WHERE decision_id = ? AND position = ?'),
  backToProposal: db.prepare<[string, string]>(`UPDATE decision SET state = 'proposee', version = version + 1, updated_at = ? WHERE id = ?`),
}));

export const withdrawRefusedSignature = defineMutation({
  name: 'decision.withdrawRefusedSignature',
  args: z.object({ decisionId: Id, pdfSha256: Sha256, reason: RejectReason, at: IsoDateTime }),
  // What the hub refused never reached it: this desk alone takes it back.
  outbox: false,
  apply(ctx, { decisionId, pdfSha256, reason, at }) {
    const row = decisionRow(ctx.db, decisionId);
    const signatures = signaturesOf(ctx.db, decisionId);
    const first = signatures.findIndex((signature) => signature.pdfSha256 === pdfSha256);
    if (first < 0) throw new RelaisError('not_found', { what: `signature ${pdfSha256} of decision ${decisionId}` });
    const withdrawn = signatures.slice(first);
    // The last first: a signature goes only once recorded, and only from the end.
    for (let index = signatures.length - 1; index >= first; index -= 1) {
      statements(ctx.db).record.run({ id: decisionId, ...signatures[index]!, reason, at });
      statements(ctx.db).remove.run(decisionId, index + 1);
    }
    const proposalAgain = first === 0;
    if (proposalAgain) statements(ctx.db).backToProposal.run(at, decisionId);
    return {
      dossierId: row.dossier_id,
      before: { decision: row.type, state: row.state, signatures: signatures.length },
      after: { decision: row.type, state: proposalAgain ? 'proposee' : row.state, withdrawn: withdrawn.map((signature) => signature.pdfSha256), reason },
      result: undefined,
    };
  },
});

const SIGNINGS: ReadonlySet<string> = new Set(['decision.sign', 'decision.countersign']);

/**
 * Withdraws this desk's signature of a signing change the hub did not take (refused, or found
 * made on a proposal that is no more), if the act here still carries it; other changes: nothing.
 */
export function withdrawUnacceptedSignature(ctx: CoreContext, change: { name: string; args: string }, reason: RejectReason, at: string): void {
  if (!SIGNINGS.has(change.name)) return;
  const { id, signature } = JSON.parse(change.args) as { id: string; signature: { pdfSha256: string } };
  if (signaturesOf(ctx.db, id).some((carried) => carried.pdfSha256 === signature.pdfSha256)) {
    runMutation(ctx, withdrawRefusedSignature, { decisionId: id, pdfSha256: signature.pdfSha256, reason, at });
  }
}
