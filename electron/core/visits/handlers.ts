/** The handlers of shared/channels/visits.ts. */
import type { visitChannels } from '../../../shared/channels/visits';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { visitChecklist } from '../reference/programme';
import { addVisitPhoto } from './add-photo';
import { changedFields, createVisit, removePhoto, updateVisit } from './mutations';
import { visitReportPdf } from './report';
import { fieldsOf, getVisit, photoById, visitRow, visitsOf } from './store';

export function visitHandlers(ctx: CoreContext): HandlersOf<typeof visitChannels> {
  const now = () => ctx.clock().toISOString();
  return {
    'visits.list': ({ dossierId }) => ({ visits: visitsOf(ctx.db, dossierId), checklist: [...visitChecklist()] }),
    'visits.create': ({ dossierId }) => {
      const visitId = ctx.newId();
      runMutation(ctx, createVisit, { visitId, dossierId, at: now() });
      return getVisit(ctx.db, visitId);
    },
    'visits.update': (args) => {
      // An autosave that changes nothing (focus moved, same text) leaves no journal entry.
      const row = visitRow(ctx.db, args.visitId);
      if (row.version === args.expectedVersion && changedFields(fieldsOf(row), args.changes).length === 0) return getVisit(ctx.db, args.visitId);
      runMutation(ctx, updateVisit, { ...args, at: now() });
      return getVisit(ctx.db, args.visitId);
    },
    'visits.addPhoto': (args) => addVisitPhoto(ctx, args),
    'visits.removePhoto': ({ photoId }) => {
      runMutation(ctx, removePhoto, { photoId, at: now() });
      return { removed: true as const };
    },
    'visits.photo': ({ photoId, variant }) => {
      const photo = photoById(ctx.db, photoId);
      const [sha256, mimeType] = variant === 'full' ? [photo.sha256, photo.mimeType] : [photo.thumbnailSha256, 'image/jpeg'];
      return { mimeType, base64: ctx.blobs.read(sha256, photo.name).toString('base64') };
    },
    'visits.reportPdf': ({ visitId, language }) => visitReportPdf(ctx, visitId, language),
  };
}
