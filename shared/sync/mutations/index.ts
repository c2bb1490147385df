/**
 * Every change desks and the hub exchange, by name: its argument schema (the one the desk's
 * mutation validates with, and the hub checks a push with) and its effects (shared/sync/effects.ts).
 * The hub itself makes 'dossier.import' and 'decision.reviewAgain'.
 */
import type { SyncedMutation } from '../effects';
import * as annotations from './annotations';
import * as decisions from './decisions';
import * as dossiers from './dossiers';
import * as evaluation from './evaluation';
import * as instruction from './instruction';
import * as messages from './messages';
import * as pieces from './pieces';
import * as preferences from './preferences';
import * as visits from './visits';

export { annotations, decisions, dossiers, evaluation, instruction, messages, pieces, preferences, visits };
export { dossierRef, entityKey, fieldKey } from './keys';
export type { DossierStateChange } from './dossiers';

function isSynced(value: unknown): value is SyncedMutation<unknown> {
  return typeof value === 'object' && value !== null && 'effects' in value && 'args' in value && 'name' in value;
}

const ALL: SyncedMutation<any>[] = [annotations, decisions, dossiers, evaluation, instruction, messages, pieces, preferences, visits].flatMap(
  (area) => Object.values(area).filter(isSynced),
);

// `any`: a definition's argument type is contravariant; each checks its own arguments.
export const SYNCED_MUTATIONS: ReadonlyMap<string, SyncedMutation<any>> = new Map(ALL.map((synced) => [synced.name, synced]));

/** The synced mutation of that name, or undefined (the hub rejects it: 'unknown_mutation'). */
export function syncedMutationNamed(name: string): SyncedMutation<any> | undefined {
  return SYNCED_MUTATIONS.get(name);
}
