/** 'signatures.verify': a signed decision's PDF or a PDF piece, against Relais's and the case file's trust anchors. */
import type { signatureChannels, VerificationTarget } from '../../../shared/channels/signatures';
import { RelaisError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { getDecision } from '../decisions/store';
import type { HandlersOf } from '../handlers';
import { pieceContent } from '../pieces';
import { readTrustAnchors, trustAnchorFolders } from './verification/trust-anchors';
import { verifyPdfInWorker } from './verification/verify-client';

export function signatureHandlers(ctx: CoreContext): HandlersOf<typeof signatureChannels> {
  return {
    'signatures.verify': (target) => {
      const { bytes, fileName } = documentOf(ctx, target);
      return verifyPdfInWorker(bytes, { trustAnchors: readTrustAnchors(trustAnchorFolders(ctx.dataDir)), now: ctx.clock(), fileName });
    },
  };
}

function documentOf(ctx: CoreContext, target: VerificationTarget): { bytes: Uint8Array; fileName: string } {
  if ('pieceId' in target) {
    const piece = pieceContent(ctx, target.pieceId);
    return { bytes: new Uint8Array(Buffer.from(piece.base64, 'base64')), fileName: piece.name };
  }
  const decision = getDecision(ctx.db, target.decisionId);
  const last = decision.signatures.at(-1);
  if (!last) throw new RelaisError('verification_decision_unsigned', { reference: decision.content.reference });
  return { bytes: new Uint8Array(ctx.blobs.read(last.pdfSha256)), fileName: `${decision.content.reference}.pdf` };
}
