/**
 * The synced changes of a decision's life. Each is a guarded command on the hub: the states the
 * decision must be in there, and the state it moves to; proposing is the instructeur's, sending
 * back, signing and countersigning the signataire's.
 */
import { z } from 'zod';
import { ExpectedVersion } from '../../channels/channel';
import { DecisionContent, DecisionSignature, DecisionType } from '../../domain/decision';
import { Id, IsoDateTime } from '../../domain/dossier';
import { setsOnly, syncedMutation, type DecisionCommand, type SyncEffects } from '../effects';
import { dossierRef, entityKey, fieldKey } from './keys';

const decisionRef = (id: string) => entityKey('decision', id);
const signatureKey = (id: string, signature: DecisionSignature) => entityKey('decision', `${id}/signature/${signature.pdfSha256}`);

/** A move of the decision's state, from the states listed, by the roles allowed. */
function stateMove(id: string, command: Omit<DecisionCommand, 'id'>, roles?: SyncEffects['roles']): SyncEffects {
  return setsOnly([{ key: fieldKey('decision', id, 'state'), value: command.to }], {
    refs: [decisionRef(id)],
    decision: { id, ...command },
    ...(roles && { roles }),
  });
}

export const createDecision = syncedMutation({
  name: 'decision.create',
  args: z.object({ decisionId: Id, dossierId: Id, content: DecisionContent, at: IsoDateTime }),
  // The content is set too: a later save the hub refuses is undone by replaying this change.
  effects: ({ decisionId, dossierId, content }) => ({
    sets: [{ key: fieldKey('decision', decisionId, 'content'), value: content }],
    inserts: [decisionRef(decisionId)],
    refs: [dossierRef(dossierId)],
    decision: { id: decisionId, type: content.type, from: 'new', to: 'brouillon' },
    blobs: [],
  }),
});

export const saveDecision = syncedMutation({
  name: 'decision.save',
  args: z.object({ id: Id, expectedVersion: ExpectedVersion, content: DecisionContent, at: IsoDateTime }),
  effects: ({ id, content }) =>
    setsOnly([{ key: fieldKey('decision', id, 'content'), value: content }], {
      refs: [decisionRef(id)],
      decision: { id, type: content.type, from: ['brouillon'], to: 'brouillon' },
    }),
});

export const proposeDecision = syncedMutation({
  name: 'decision.propose',
  args: z.object({ id: Id, expectedVersion: ExpectedVersion, at: IsoDateTime }),
  effects: ({ id }) => stateMove(id, { from: ['brouillon'], to: 'proposee' }, ['instructeur']),
});

export const sendBackDecision = syncedMutation({
  name: 'decision.sendBack',
  args: z.object({ id: Id, expectedVersion: ExpectedVersion, comment: z.string().trim().min(1), at: IsoDateTime }),
  effects: ({ id }) => stateMove(id, { from: ['proposee'], to: 'brouillon' }, ['signataire']),
});

/** A proposal whose dossier got new data or pieces goes back to draft (the hub makes it too). */
export const reviewAgain = syncedMutation({
  name: 'decision.reviewAgain',
  args: z.object({ id: Id, comment: z.string().trim().min(1), at: IsoDateTime }),
  effects: ({ id }) => stateMove(id, { from: ['proposee'], to: 'brouillon' }),
});

export const signDecision = syncedMutation({
  name: 'decision.sign',
  // The type rides along: a verdict (attribution, refus, sans-suite) may be signed once per dossier.
  args: z.object({ id: Id, type: DecisionType, signature: DecisionSignature }),
  effects: ({ id, type, signature }) => {
    const move = stateMove(id, { type, from: ['proposee'], to: 'signee' }, ['signataire']);
    return { ...move, inserts: [signatureKey(id, signature)], blobs: [signature.pdfSha256] };
  },
});

/** One more signature on a signed act: the act's state stays, the signed PDF is a new blob. */
export const countersignDecision = syncedMutation({
  name: 'decision.countersign',
  args: z.object({ id: Id, signature: DecisionSignature }),
  effects: ({ id, signature }) => ({
    sets: [],
    inserts: [signatureKey(id, signature)],
    refs: [decisionRef(id)],
    decision: { id, from: ['signee'], to: 'signee' },
    blobs: [signature.pdfSha256],
    roles: ['signataire'],
  }),
});
