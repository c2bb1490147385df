/** The synced changes of site visits: a report created, its fields saved, photos added or removed. */
import { z } from 'zod';
import { Id, IsoDateTime } from '../../domain/dossier';
import { VisitChanges, VisitPhoto, type VisitField } from '../../domain/visit';
import { setsOnly, syncedMutation } from '../effects';
import { dossierRef, entityKey, fieldKey } from './keys';

export const createVisit = syncedMutation({
  name: 'visit.create',
  args: z.object({ visitId: Id, dossierId: Id, at: IsoDateTime }),
  effects: ({ visitId, dossierId }) => ({ sets: [], inserts: [entityKey('visit', visitId)], refs: [dossierRef(dossierId)], blobs: [] }),
});

export const updateVisit = syncedMutation({
  name: 'visit.update',
  args: z.object({ visitId: Id, expectedVersion: z.number().int().min(1), changes: VisitChanges, at: IsoDateTime }),
  // One key per field: two people filling different parts of the report do not clash.
  effects: ({ visitId, changes }) =>
    setsOnly(
      (Object.keys(changes) as VisitField[]).map((field) => ({ key: fieldKey('visit', visitId, field), value: changes[field] })),
      { refs: [entityKey('visit', visitId)] },
    ),
});

export const addPhoto = syncedMutation({
  name: 'visit.addPhoto',
  // The bytes travel by their hashes (blobs); the photo's row is all a replay needs.
  args: VisitPhoto,
  effects: (photo) => ({
    sets: [],
    inserts: [entityKey('photo', photo.id)],
    refs: [entityKey('visit', photo.visitId)],
    blobs: [photo.sha256, photo.thumbnailSha256],
  }),
});

export const removePhoto = syncedMutation({
  name: 'visit.removePhoto',
  args: z.object({ photoId: Id, at: IsoDateTime }),
  effects: ({ photoId }) => setsOnly([{ key: fieldKey('photo', photoId, 'removed'), value: true }], { refs: [entityKey('photo', photoId)] }),
});
