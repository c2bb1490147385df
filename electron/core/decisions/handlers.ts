/** The handlers of shared/channels/decisions.ts. */
import type { decisionChannels, DecisionPdf } from '../../../shared/channels/decisions';
import type { Decision } from '../../../shared/domain/decision';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { listTokenSlots } from '../signing/sign-batch-client';
import { deskRole, pkcs11ModulePath, setPkcs11Module, setRole } from './desk-settings';
import { createDecision, proposeDecision, saveDecision, sendBackDecision } from './mutations';
import { prefillDecision } from './prefill';
import { problemsOf } from './problems';
import { renderDecisionPdf } from './render';
import { signProgress, startSigning } from './sign-decisions';
import { decisionRow, decisionsOf, getDecision, proposedDecisions } from './store';

function pdfFile(decision: Decision, bytes: Uint8Array, signed: boolean): DecisionPdf {
  const { type, dossier } = decision.content;
  return {
    fileName: `${type}-${dossier.number}${signed ? '-signee' : ''}.pdf`,
    mimeType: 'application/pdf',
    sizeBytes: bytes.byteLength,
    base64: Buffer.from(bytes).toString('base64'),
  };
}

/** The stored signed PDF after the given signature (the last one by default). */
function signedPdf(ctx: CoreContext, id: string, index?: number): DecisionPdf {
  const decision = getDecision(ctx.db, id);
  const signature = decision.signatures[index ?? decision.signatures.length - 1];
  if (!signature) throw new RelaisError('not_found', { what: `signature ${index ?? 0} of decision ${id}` });
  return pdfFile(decision, ctx.blobs.read(signature.pdfSha256), true);
}

export function decisionHandlers(ctx: CoreContext): HandlersOf<typeof decisionChannels> {
  const now = () => ctx.clock().toISOString();
  return {
    'decisions.list': ({ dossierId }) => decisionsOf(ctx.db, dossierId),
    'decisions.create': ({ dossierId, type }) => {
      const id = ctx.newId();
      runMutation(ctx, createDecision, { decisionId: id, dossierId, content: prefillDecision(ctx, dossierId, type), at: now() });
      return getDecision(ctx.db, id);
    },
    'decisions.save': ({ id, expectedVersion, content }) => {
      runMutation(ctx, saveDecision, { id, expectedVersion, content, at: now() });
      return getDecision(ctx.db, id);
    },
    'decisions.problems': ({ id }) => problemsOf(ctx, decisionRow(ctx.db, id)),
    'decisions.preview': async ({ id }) => {
      const decision = getDecision(ctx.db, id);
      if (decision.state === 'signee') return signedPdf(ctx, id);
      return pdfFile(decision, await renderDecisionPdf(decision.content, { now: ctx.clock(), data: decision }), false);
    },
    'decisions.propose': ({ id, expectedVersion }) => {
      runMutation(ctx, proposeDecision, { id, expectedVersion, at: now() });
      return getDecision(ctx.db, id);
    },
    'decisions.queue': () => proposedDecisions(ctx.db),
    'decisions.sendBack': ({ id, expectedVersion, comment }) => {
      runMutation(ctx, sendBackDecision, { id, expectedVersion, comment, at: now() });
      return getDecision(ctx.db, id);
    },
    'decisions.sign': ({ ids, credentials }) => startSigning(ctx, ids.map((id) => ({ id })), credentials),
    'decisions.countersign': ({ id, countersigner, credentials }) => startSigning(ctx, [{ id, countersigner }], credentials),
    'decisions.signProgress': ({ jobId }) => signProgress(jobId),
    'decisions.signedPdf': ({ id, signature }) => signedPdf(ctx, id, signature),
    'decisions.role': () => ({ role: deskRole(ctx) }),
    'decisions.setRole': (args) => runMutation(ctx, setRole, args),
    'decisions.pkcs11Slots': async () => {
      const modulePath = pkcs11ModulePath(ctx);
      return { modulePath, slots: await listTokenSlots(modulePath) };
    },
    'decisions.setPkcs11Module': (args) => runMutation(ctx, setPkcs11Module, args),
  };
}
