/**
 * What a hub's Démarches Simplifiées connector leaves in its tables after a few runs, written
 * straight into them for the desk's tests of the DS status (the page and the 'sync.dsStatus'
 * channel): a configured connector, a last run, imported dossiers (one deleted on DS), a change
 * to review, a failed one, a pending one, and two errors.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import { recordDsError } from '../../server/ds/error-log';

export const DS_ENDPOINT = 'https://www.demarches-simplifiees.fr/api/v2/graphql';
export const DS_DEMARCHE = 88412;
export const RUN_STARTED_AT = '2026-11-20T09:00:00.000Z';
export const RUN_FINISHED_AT = '2026-11-20T09:02:30.000Z';
export const REVIEW_NUMBER = 20240117;
export const FAILED_NUMBER = 20240118;
export const FAILED_REASON = 'The hub user claire.roux@example.gouv.fr has no DS instructeur id: add one with relais hub ds configure --instructeur.';
export const ERROR_MESSAGE = 'Dossier 20240119: the site commune 99999 is in no Territoire d’industrie; fix the dossier on DS, it will be read again at the next run.';

/** `reviewNumber`: the dossier of the change to review (one of `dossierNumbers`, or REVIEW_NUMBER, not on the desk). */
export async function seedDsRows(db: Queryable, dossierNumbers: number[], reviewNumber = REVIEW_NUMBER): Promise<void> {
  // The token's ciphertext: bytes that decrypt to nothing without the hub's key.
  await db.query(
    `INSERT INTO ds_config (id, endpoint, token_ciphertext, demarches, mapping, instructeurs, updated_at)
     VALUES (1, $1, $2, $3, '{}', '{}', $4)`,
    [DS_ENDPOINT, randomBytes(48), [DS_DEMARCHE], RUN_STARTED_AT],
  );
  const summary = {
    imported: dossierNumbers.length, updated: 2, deleted: 1, files: 14, messages: 3, avis: 1, errors: 1,
    pushed: 4, review: 1, failed: 1, pending: 1, startedAt: RUN_STARTED_AT, finishedAt: RUN_FINISHED_AT,
  };
  await db.query(
    // last_summary as server/ds/run.ts stores a run: its times, its figures, no failure.
    `INSERT INTO ds_import_state (demarche, updated_since, last_run_at, last_success_at, last_summary)
     VALUES ($1, $2, $3, $3, $4)`,
    [DS_DEMARCHE, RUN_STARTED_AT, RUN_FINISHED_AT, JSON.stringify({ startedAt: RUN_STARTED_AT, finishedAt: RUN_FINISHED_AT, summary, failure: null })],
  );
  const numbers = [...new Set([...dossierNumbers, reviewNumber, FAILED_NUMBER])];
  for (const [index, number] of numbers.entries()) {
    await db.query(
      `INSERT INTO ds_dossier (number, demarche, ds_id, relais_id, state, modified_at, champs_modified_at, labels, deleted_at, imported_at)
       VALUES ($1, $2, $3, $4, 'en_instruction', $5, $5, '[]', $6, $5)`,
      [number, DS_DEMARCHE, `RG9zc2llci0${number}`, randomUUID(), RUN_STARTED_AT, index === 0 ? RUN_FINISHED_AT : null],
    );
  }
  const push = (seq: number, kind: string, number: number, state: string, lastError: string | null) =>
    db.query(
      `INSERT INTO ds_push (event_seq, kind, dossier_id, number, state, attempts, payload, last_error, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 1, '{}', $6, $7, $8)`,
      [seq, kind, randomUUID(), number, state, lastError, RUN_STARTED_AT, RUN_FINISHED_AT],
    );
  await push(1, 'accepter', reviewNumber, 'review', 'The applicant changed the dossier on DS after it was instructed: review it before the decision is sent.');
  await push(2, 'message', FAILED_NUMBER, 'failed', FAILED_REASON);
  await push(3, 'passer_en_instruction', FAILED_NUMBER, 'pending', null);
  await recordDsError(db, { phase: 'push', number: FAILED_NUMBER, message: FAILED_REASON }, new Date(RUN_FINISHED_AT));
  await recordDsError(db, { phase: 'import', number: 20240119, message: ERROR_MESSAGE }, new Date(RUN_FINISHED_AT));
}
