/** The synced changes of a dossier's instruction facts: aid regime, advance, extensions of the delay. */
import { z } from 'zod';
import { Id } from '../../domain/dossier';
import { Advance, AidRegime, InstructionExtension } from '../../domain/instruction';
import { setsOnly, syncedMutation } from '../effects';
import { dossierRef, entityKey, fieldKey } from './keys';

export const setRegime = syncedMutation({
  name: 'instruction.setRegime',
  args: z.object({ dossierId: Id, regime: AidRegime.nullable() }),
  effects: ({ dossierId, regime }) => setsOnly([{ key: fieldKey('instruction', dossierId, 'regime'), value: regime }], { refs: [dossierRef(dossierId)] }),
});

export const setAdvance = syncedMutation({
  name: 'instruction.setAdvance',
  args: z.object({ dossierId: Id, advance: Advance.nullable() }),
  effects: ({ dossierId, advance }) => setsOnly([{ key: fieldKey('instruction', dossierId, 'advance'), value: advance }], { refs: [dossierRef(dossierId)] }),
});

export const addExtension = syncedMutation({
  name: 'instruction.addExtension',
  args: z.object({ dossierId: Id, extension: InstructionExtension }),
  effects: ({ dossierId, extension }) => ({ sets: [], inserts: [entityKey('extension', extension.id)], refs: [dossierRef(dossierId)], blobs: [] }),
});

export const removeExtension = syncedMutation({
  name: 'instruction.removeExtension',
  args: z.object({ dossierId: Id, extensionId: Id }),
  effects: ({ dossierId, extensionId }) =>
    setsOnly([{ key: fieldKey('extension', extensionId, 'removed'), value: true }], {
      refs: [dossierRef(dossierId), entityKey('extension', extensionId)],
    }),
});
