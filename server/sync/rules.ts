/**
 * The procedure's rules the hub holds: how a dossier may move between states, and the database
 * errors that mean a rule was met (the schema refuses what the code might let through).
 */
import { DECIDED_STATES, type DossierState } from '../../shared/domain/dossier';
import type { RejectReason } from '../../shared/sync/protocol';
import { DOSSIER_DECIDED_SQLSTATE, ONE_VERDICT_INDEX } from '../db/migrations/001-sync';

/** The states a dossier may come from, for each state a desk moves it to (DS's procedure). */
const MOVES_INTO: Record<DossierState, readonly DossierState[]> = {
  en_construction: ['en_instruction'],
  en_instruction: ['en_construction'],
  accepte: ['en_instruction'],
  refuse: ['en_instruction'],
  sans_suite: ['en_instruction'],
};

export function checkDossierMove(from: string, to: DossierState): { reason: RejectReason; detail: string } | null {
  if ((DECIDED_STATES as readonly string[]).includes(from)) return { reason: 'dossier_already_decided', detail: `The dossier is ${from} on the hub: its state is final.` };
  if (!MOVES_INTO[to].includes(from as DossierState)) return { reason: 'dossier_wrong_state', detail: `The dossier is ${from} on the hub: it cannot move to ${to}.` };
  return null;
}

interface DatabaseErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const asDatabaseError = (error: unknown): DatabaseErrorLike => (typeof error === 'object' && error !== null ? error : {});

export function isVerdictConstraint(error: unknown): boolean {
  const { code, constraint, message } = asDatabaseError(error);
  return code === '23505' && (constraint === ONE_VERDICT_INDEX || String(message).includes(ONE_VERDICT_INDEX));
}

export function isDecidedStateTrigger(error: unknown): boolean {
  return asDatabaseError(error).code === DOSSIER_DECIDED_SQLSTATE;
}

/** Any other integrity constraint (class 23): the item is refused, the push goes on. */
export function isConstraintViolation(error: unknown): boolean {
  const { code } = asDatabaseError(error);
  return typeof code === 'string' && code.startsWith('23');
}
