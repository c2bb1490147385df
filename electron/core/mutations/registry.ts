/**
 * Every mutation of the desk's work by name, so that a change pulled from the hub is replayed
 * through the definition that made it (the sync service's own, signing in and settling conflicts,
 * never travel). Built on first use: the mutation modules import this folder themselves.
 */
import * as annotations from '../annotations/mutations';
import * as attach from '../attach/mutation';
import * as blobs from '../blobs/register';
import * as bulk from '../bulk/mutations';
import * as deskSettings from '../decisions/desk-settings';
import * as dossierOutcome from '../decisions/dossier-outcome';
import * as decisions from '../decisions/mutations';
import * as refusedSignatures from '../decisions/refused-signatures';
import * as follow from '../dossiers/follow';
import * as dossierImport from '../dossiers/import';
import * as drafts from '../drafts/mutations';
import * as echeances from '../echeances/echeances';
import * as evaluation from '../evaluation/mutations';
import * as instruction from '../instruction/mutations';
import * as messages from '../messages/mutations';
import * as preferences from '../preferences';
import * as visits from '../visits/mutations';
import type { MutationDef } from './define';

const MODULES: readonly object[] = [
  annotations,
  attach,
  blobs,
  bulk,
  deskSettings,
  dossierOutcome,
  decisions,
  follow,
  dossierImport,
  drafts,
  echeances,
  evaluation,
  instruction,
  messages,
  preferences,
  refusedSignatures,
  visits,
];

function isMutationDef(value: unknown): value is MutationDef<unknown, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as MutationDef<unknown, unknown>).apply === 'function' && 'outbox' in value;
}

function byNameOf(): Map<string, MutationDef<any, unknown>> {
  const found = new Map<string, MutationDef<any, unknown>>();
  for (const def of MODULES.flatMap((module) => Object.values(module).filter(isMutationDef))) {
    // Two definitions under one name would replay a change through the wrong one.
    if (found.has(def.name) && found.get(def.name) !== def) throw new Error(`two mutations are named ${def.name}`);
    found.set(def.name, def);
  }
  return found;
}

let byName: ReadonlyMap<string, MutationDef<any, unknown>> | undefined;

/** Every definition the modules export, by name (`any`: each checks its own arguments). */
export function allMutations(): ReadonlyMap<string, MutationDef<any, unknown>> {
  byName ??= byNameOf();
  return byName;
}

export function mutationNamed(name: string): MutationDef<any, unknown> | undefined {
  return allMutations().get(name);
}
