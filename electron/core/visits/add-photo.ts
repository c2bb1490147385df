/**
 * 'visits.addPhoto': the photo is cleaned first (off the main thread, in sharp's pool), its bytes
 * and thumbnail stored as blobs, then registered and added to the report in one transaction.
 */
import type { ResultOf } from '../../../shared/contract';
import type { VisitPhoto } from '../../../shared/domain/visit';
import { registerBlob } from '../blobs/register';
import type { CoreContext } from '../context';
import { mutationCall, runMutations } from '../mutations';
import { preparePhoto } from '../photos/import';
import { storeOrDiskFull } from './disk';
import { photoById, visitRow } from './store';
import { addPhoto } from './mutations';

export async function addVisitPhoto(ctx: CoreContext, args: { visitId: string; name: string; base64: string }): Promise<ResultOf<'visits.addPhoto'>> {
  visitRow(ctx.db, args.visitId);
  const prepared = await preparePhoto(Buffer.from(args.base64, 'base64'), args.name);
  const photo = storeOrDiskFull(() => ctx.blobs.put(prepared.bytes));
  const thumbnail = storeOrDiskFull(() => ctx.blobs.put(prepared.thumbnail));
  const row: VisitPhoto = {
    id: ctx.newId(),
    visitId: args.visitId,
    name: prepared.name,
    mimeType: prepared.mimeType,
    sizeBytes: photo.sizeBytes,
    width: prepared.width,
    height: prepared.height,
    sha256: photo.sha256,
    thumbnailSha256: thumbnail.sha256,
    takenAt: prepared.takenAt,
    gps: prepared.gps,
    importedAt: ctx.clock().toISOString(),
  };
  const blob = (stored: { sha256: string; sizeBytes: number }, mimeType: string) =>
    mutationCall(registerBlob, { ...stored, mimeType, textStatus: 'not_pdf', pageCount: null, pages: [] });
  runMutations(ctx, [blob(photo, prepared.mimeType), blob(thumbnail, 'image/jpeg'), mutationCall(addPhoto, row)]);
  return photoById(ctx.db, row.id);
}
