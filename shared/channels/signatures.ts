/**
 * The channel that verifies signatures: a signed decision's PDF, or a PDF piece of a dossier,
 * checked against the trust anchors of Relais and of the case file.
 */
import { z } from 'zod';
import { defineChannels } from './channel';
import { Id } from '../domain/dossier';
import { VerificationReport } from '../domain/signature';

export * from '../domain/signature';

/** What to verify: a decision (its PDF as its last signature left it) or a piece. */
export const VerificationTarget = z.union([z.strictObject({ decisionId: Id }), z.strictObject({ pieceId: Id })]);
export type VerificationTarget = z.infer<typeof VerificationTarget>;

export const signatureChannels = defineChannels({
  'signatures.verify': {
    kind: 'query',
    args: VerificationTarget,
    result: VerificationReport,
    description:
      "Verifies every signature of a signed decision's PDF or of a PDF piece: integrity, coverage, certificate validity and chain to the trust anchors.",
  },
});
