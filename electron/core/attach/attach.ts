/**
 * Attaches a file from outside to a dossier: checked first (check.ts), then stored as a blob and,
 * in one transaction, registered (its text indexed) and recorded as 'piece.attach', the change the
 * hub replays to the other desks (the bytes follow by their hash, as visit photos do).
 */
import type { AttachResult } from '../../../shared/channels/pieces';
import { registerBlob } from '../blobs/register';
import type { CoreContext } from '../context';
import { dossierSeqOf } from '../dossiers/seq';
import { mutationCall, runMutations } from '../mutations';
import { attachedPieceView } from '../pieces';
import { storeOrDiskFull } from '../visits/disk';
import { checkAttachment } from './check';
import type { InspectLimits } from './inspect-client';
import { attachPiece } from './mutation';

export interface AttachInput {
  dossierId: string;
  /** The file's name as it came: data only. */
  name: string;
  bytes: Buffer;
}

export async function attachFile(ctx: CoreContext, input: AttachInput, limits?: InspectLimits): Promise<AttachResult> {
  dossierSeqOf(ctx.db, input.dossierId);
  const checked = await checkAttachment(input.name, input.bytes, limits);
  const stored = storeOrDiskFull(() => ctx.blobs.put(input.bytes));
  const id = ctx.newId();
  runMutations(ctx, [
    mutationCall(registerBlob, { ...stored, mimeType: checked.mimeType, ...checked.text }),
    mutationCall(attachPiece, {
      id,
      dossierId: input.dossierId,
      name: checked.name,
      mimeType: checked.mimeType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      attachedAt: ctx.clock().toISOString(),
    }),
  ]);
  return { piece: attachedPieceView(ctx, id), notices: checked.notices };
}
