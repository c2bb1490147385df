/** The synced changes of a dossier itself: followed flag, labels, assignment, state, AR date, and the hub's import. */
import { z } from 'zod';
import { Label } from '../../channels/bulk';
import { DossierImport, Id, Instructor, IsoDate, type DossierState } from '../../domain/dossier';
import { setsOnly, syncedMutation, type SyncedMutation } from '../effects';
import { HUB_ROLES } from '../protocol';
import { dossierRef, fieldKey } from './keys';

/** The bulk batch a change belongs to (electron/core/bulk); absent for a change made on its own. */
export const BatchRef = { batchId: Id.optional() };

export const setFollowed = syncedMutation({
  name: 'dossier.setFollowed',
  args: z.object({ id: Id, followed: z.boolean(), ...BatchRef }),
  // Each user's own watch list: every role may keep one, nobody else sees it.
  effects: ({ id, followed }) =>
    setsOnly([{ key: fieldKey('dossier', id, 'followed'), value: followed }], { refs: [dossierRef(id)], personal: true, roles: HUB_ROLES }),
});

const LabelArgs = z.object({ id: Id, label: Label, ...BatchRef });

function labelChange(name: string, present: boolean) {
  return syncedMutation({
    name,
    args: LabelArgs,
    effects: ({ id, label }) => setsOnly([{ key: fieldKey('dossier', id, `label/${label}`), value: present }], { refs: [dossierRef(id)] }),
  });
}

export const addLabel = labelChange('dossier.addLabel', true);
export const removeLabel = labelChange('dossier.removeLabel', false);

export const assign = syncedMutation({
  name: 'dossier.assign',
  args: z.object({ id: Id, instructor: Instructor.nullable(), ...BatchRef }),
  effects: ({ id, instructor }) =>
    setsOnly([{ key: fieldKey('dossier', id, 'assigned'), value: instructor }], {
      refs: [dossierRef(id)],
      assignedEmail: instructor?.email ?? null,
    }),
});

/** A move of the dossier between two states of the procedure: the desk refuses it from any other state. */
export interface DossierStateChange extends SyncedMutation<{ id: string; batchId?: string | undefined }> {
  readonly from: DossierState;
  readonly to: DossierState;
}

function stateChange(name: string, from: DossierState, to: DossierState): DossierStateChange {
  const synced = syncedMutation({
    name,
    args: z.object({ id: Id, ...BatchRef }),
    effects: ({ id }) => setsOnly([{ key: fieldKey('dossier', id, 'state'), value: to }], { refs: [dossierRef(id)], dossierState: to }),
  });
  return Object.freeze({ ...synced, from, to });
}

export const passToInstruction = stateChange('dossier.passToInstruction', 'en_construction', 'en_instruction');
/** The undo of the former: DS's "repasser en construction". */
export const backToConstruction = stateChange('dossier.backToConstruction', 'en_instruction', 'en_construction');
/** What a signed verdict does to its dossier (electron/core/decisions/dossier-outcome.ts). */
export const accept = stateChange('dossier.accept', 'en_instruction', 'accepte');
export const refuse = stateChange('dossier.refuse', 'en_instruction', 'refuse');
export const closeSansSuite = stateChange('dossier.closeSansSuite', 'en_instruction', 'sans_suite');

export const acknowledge = syncedMutation({
  name: 'dossier.acknowledge',
  args: z.object({ id: Id, arDate: IsoDate }),
  effects: ({ id, arDate }) => setsOnly([{ key: fieldKey('dossier', id, 'arDate'), value: arDate }], { refs: [dossierRef(id)] }),
});

/**
 * A dossier as DS has it, made by the hub itself when it seeds or imports dossiers (never pushed
 * by a desk: only an administrateur's push could name it). It sets the fields desks also change,
 * so that a desk's later change of them is based on the imported version.
 */
export const importDossier = syncedMutation<DossierImport>({
  name: 'dossier.import',
  args: DossierImport,
  effects: (dossier) =>
    setsOnly(
      [
        { key: fieldKey('dossier', dossier.id, 'state'), value: dossier.state },
        { key: fieldKey('dossier', dossier.id, 'assigned'), value: dossier.assignedInstructor },
        { key: fieldKey('dossier', dossier.id, 'arDate'), value: dossier.dates.arDate },
      ],
      {
        dossierState: dossier.state,
        assignedEmail: dossier.assignedInstructor?.email ?? null,
        blobs: [...new Set(dossier.pieces.map((piece) => piece.sha256))],
        roles: ['administrateur'],
      },
    ),
});
