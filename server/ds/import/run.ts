/**
 * The import DS → hub, per démarche and incremental: the dossiers DS changed since the last
 * complete run (`updated_since`, fixed for the whole run so that a run cut short resumes from its
 * saved cursor over the same list), those DS deleted, the dossiers that failed last time, and
 * every hour the labels (DS changes them without touching a dossier's modification date).
 * A failure on one dossier is recorded and the run goes on; DS unreachable or refusing the token
 * stops the run (DsApiError), the cursor kept.
 */
import type { HubDatabase, Queryable } from '../../db/database';
import { DsApiError, type DsGraphqlError } from '../client';
import type { DsConnection } from '../connection';
import { recordDsError } from '../error-log';
import {
  DeletedDossiersAnswer,
  DemarcheDossierNumbersAnswer,
  demarcheDossierNumbersOperation,
  DemarcheDossiersAnswer,
  deletedDossiersOperation,
  demarcheDossiersOperation,
  DossierAnswer,
  DossierLabelsAnswer,
  dossierLabelsOperation,
  dossierOperation,
  DS_PAGE_SIZE,
  type DsDossier,
} from '../operations/import';
import { DsDossierError } from './map-dossier';
import { labelNames, recordDsDossier, type RecordOutcome } from './record';

export interface DsImportSummary {
  imported: number;
  updated: number;
  deleted: number;
  files: number;
  messages: number;
  avis: number;
  errors: number;
}

export interface DsImportOptions {
  now?: () => Date;
  onProgress?: (done: number) => void;
}

/** DS and the hub do not share a clock, and a change may land while a page is read: the next run looks back this far. */
export const SINCE_MARGIN_MS = 5 * 60_000;
/** Labels are read again when the last reading is older than this. */
export const LABELS_EVERY_MS = 60 * 60_000;

interface ImportState {
  updated_since: Date | null;
  end_cursor: string | null;
  run_started_at: Date | null;
  deleted_since: Date | null;
  labels_read_at: Date | null;
  retry_numbers: number[];
}

/** Errors that concern DS as a whole, not one dossier: they stop the run. */
function stopsTheRun(error: unknown): boolean {
  return error instanceof DsApiError && ['unauthorized', 'rate_limited', 'timeout', 'network'].includes(error.code);
}

/** A DS answer about one dossier that the run records and goes past. */
function dossierFailure(error: unknown): string | null {
  if (error instanceof DsDossierError) return error.message;
  if (error instanceof DsApiError && !stopsTheRun(error)) return error.message;
  return null;
}

async function readDossier(connection: DsConnection, number: number): Promise<DsDossier> {
  const { data } = await connection.client.request(dossierOperation, { number }, DossierAnswer);
  return data.dossier;
}

async function markForRetry(db: Queryable, demarche: number, number: number): Promise<void> {
  await db.query(
    `UPDATE ds_import_state SET retry_numbers = array_append(retry_numbers, $2::integer) WHERE demarche = $1 AND NOT ($2::integer = ANY(retry_numbers))`,
    [demarche, number],
  );
}

async function clearRetry(db: Queryable, number: number): Promise<void> {
  await db.query('UPDATE ds_import_state SET retry_numbers = array_remove(retry_numbers, $1::integer) WHERE $1::integer = ANY(retry_numbers)', [number]);
}

/** One démarche's run, adding to `summary`. */
class DemarcheImport {
  constructor(
    private readonly db: HubDatabase,
    private readonly connection: DsConnection,
    private readonly demarche: number,
    private readonly summary: DsImportSummary,
    private readonly now: () => Date,
    /** Called once per dossier read. */
    private readonly tick: () => void,
  ) {}

  async run(): Promise<void> {
    const state = await this.state();
    // A run cut short resumes with its own start and cursor: the same updatedSince, the same list.
    const resuming = state.end_cursor !== null && state.run_started_at !== null;
    const startedAt = resuming ? new Date(state.run_started_at!) : this.now();
    if (!resuming) await this.db.query('UPDATE ds_import_state SET run_started_at = $2 WHERE demarche = $1', [this.demarche, startedAt.toISOString()]);

    const seen = new Set<number>();
    await this.changedDossiers(state.updated_since, state.end_cursor, seen);
    for (const number of state.retry_numbers) if (!seen.has(number)) await this.again(number, seen);
    await this.deletedDossiers(state.deleted_since);
    const labelsDue = state.updated_since === null || state.labels_read_at === null || this.now().getTime() - new Date(state.labels_read_at).getTime() >= LABELS_EVERY_MS;
    // A first, complete import has just read every dossier's labels.
    if (labelsDue && state.updated_since !== null) await this.labels(seen);

    const since = new Date(startedAt.getTime() - SINCE_MARGIN_MS).toISOString();
    await this.db.query(
      `UPDATE ds_import_state SET updated_since = $2, deleted_since = $2, end_cursor = NULL, run_started_at = NULL,
         labels_read_at = CASE WHEN $3 THEN $4::timestamptz ELSE labels_read_at END
       WHERE demarche = $1`,
      [this.demarche, since, labelsDue, startedAt.toISOString()],
    );
  }

  private async state(): Promise<ImportState> {
    await this.db.query('INSERT INTO ds_import_state (demarche) VALUES ($1) ON CONFLICT (demarche) DO NOTHING', [this.demarche]);
    const { rows } = await this.db.query<ImportState>(
      'SELECT updated_since, end_cursor, run_started_at, deleted_since, labels_read_at, retry_numbers FROM ds_import_state WHERE demarche = $1',
      [this.demarche],
    );
    return rows[0]!;
  }

  /**
   * Pages of 100 from the saved cursor; the cursor is saved once each page is recorded. A dossier
   * DS fails to give within a page is that dossier's error (read again next run), not the run's.
   */
  private async changedDossiers(updatedSince: Date | null, cursor: string | null, seen: Set<number>): Promise<void> {
    let after = cursor;
    for (;;) {
      const variables = { demarche: this.demarche, updatedSince: updatedSince ? new Date(updatedSince).toISOString() : null, after, first: DS_PAGE_SIZE };
      const { data, errors } = await this.connection.client.request(demarcheDossiersOperation, variables, DemarcheDossiersAnswer, { partial: true });
      const page = data.demarche.dossiers;
      const failed = failedNodes(errors);
      const numbers = failed.size > 0 ? await this.pageNumbers(variables) : [];
      for (const [index, dossier] of page.nodes.entries()) {
        if (dossier && !failed.has(index)) {
          seen.add(dossier.number);
          await this.record(dossier.number, () => Promise.resolve(dossier));
          continue;
        }
        const number = numbers[index];
        if (number === undefined) continue;
        seen.add(number);
        await this.fail(number, `Dossier ${number}: DS could not give it (${failed.get(index) ?? 'no data'}); the next run reads it again.`);
      }
      if (page.pageInfo.endCursor) {
        after = page.pageInfo.endCursor;
        await this.db.query('UPDATE ds_import_state SET end_cursor = $2 WHERE demarche = $1', [this.demarche, after]);
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    }
  }

  private async pageNumbers(variables: Record<string, unknown>): Promise<(number | undefined)[]> {
    const { data } = await this.connection.client.request(demarcheDossierNumbersOperation, variables, DemarcheDossierNumbersAnswer);
    return data.demarche.dossiers.nodes.map((node) => node?.number);
  }

  /** A dossier read on its own (it failed before, or its labels changed): recorded whatever its dates say. */
  private async again(number: number, seen: Set<number>): Promise<void> {
    seen.add(number);
    await this.record(number, () => readDossier(this.connection, number), true);
  }

  private async record(number: number, read: () => Promise<DsDossier>, force = false): Promise<void> {
    try {
      const outcome = await recordDsDossier(this.db, this.connection, await read(), { force, now: this.now(), refresh: () => readDossier(this.connection, number) });
      await clearRetry(this.db, number);
      addOutcome(this.summary, outcome);
    } catch (error) {
      const failure = dossierFailure(error);
      if (failure === null) throw error;
      await this.fail(number, failure);
      return;
    }
    this.tick();
  }

  private async fail(number: number, message: string): Promise<void> {
    await recordDsError(this.db, { phase: 'import', number, message }, this.now());
    await markForRetry(this.db, this.demarche, number);
    this.summary.errors++;
    this.tick();
  }

  /**
   * DS's deleted dossiers: marked deleted in ds_dossier, nothing else. Desks keep the dossier and
   * the work done on it (an instructor may need it for the record); the status counts them.
   */
  private async deletedDossiers(deletedSince: Date | null): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const { data }: { data: DeletedDossiersAnswer } = await this.connection.client.request(
        deletedDossiersOperation,
        { demarche: this.demarche, deletedSince: deletedSince ? new Date(deletedSince).toISOString() : null, after, first: DS_PAGE_SIZE },
        DeletedDossiersAnswer,
      );
      const page: DeletedDossiersAnswer['demarche']['deletedDossiers'] = data.demarche.deletedDossiers;
      for (const deleted of page.nodes) {
        const { rowCount } = await this.db.query('UPDATE ds_dossier SET deleted_at = $2 WHERE number = $1 AND deleted_at IS NULL', [deleted.number, new Date(deleted.dateSupression).toISOString()]);
        this.summary.deleted += rowCount;
        await clearRetry(this.db, deleted.number);
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }

  /** Numbers and labels of every dossier; one whose labels differ from the last import is read and recorded again. */
  private async labels(seen: Set<number>): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const { data }: { data: DossierLabelsAnswer } = await this.connection.client.request(dossierLabelsOperation, { demarche: this.demarche, after, first: DS_PAGE_SIZE }, DossierLabelsAnswer);
      const page: DossierLabelsAnswer['demarche']['dossiers'] = data.demarche.dossiers;
      const numbers = page.nodes.filter((node) => !seen.has(node.number)).map((node) => node.number);
      const { rows } = await this.db.query<{ number: number; labels: string[] }>('SELECT number, labels FROM ds_dossier WHERE number = ANY($1::integer[])', [numbers]);
      const known = new Map(rows.map((row) => [row.number, row.labels]));
      for (const node of page.nodes) {
        const before = known.get(node.number);
        if (before && JSON.stringify([...before].sort()) !== JSON.stringify(labelNames(node).sort())) await this.again(node.number, seen);
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }
}

/**
 * The page's items DS failed to give, by index, with DS's message; an error elsewhere than in an
 * item (the page itself) throws as the client would.
 */
function failedNodes(errors: readonly DsGraphqlError[]): Map<number, string> {
  const failed = new Map<number, string>();
  for (const error of errors) {
    const [demarche, dossiers, nodes, index] = error.path ?? [];
    if (demarche !== 'demarche' || dossiers !== 'dossiers' || nodes !== 'nodes' || typeof index !== 'number') {
      throw new DsApiError('graphql', `DS refused ${demarcheDossiersOperation.name}: ${errors.map((one) => one.message).join('; ')}`, { errors, operation: demarcheDossiersOperation.name });
    }
    failed.set(index, error.message);
  }
  return failed;
}

function addOutcome(summary: DsImportSummary, outcome: RecordOutcome): void {
  if (outcome.kind === 'imported') summary.imported++;
  if (outcome.kind === 'updated') summary.updated++;
  summary.files += outcome.files;
  summary.messages += outcome.messages;
  summary.avis += outcome.avis;
}

export async function importFromDs(db: HubDatabase, connection: DsConnection, options: DsImportOptions = {}): Promise<DsImportSummary> {
  const now = options.now ?? (() => new Date());
  const onProgress = options.onProgress ?? (() => {});
  const summary: DsImportSummary = { imported: 0, updated: 0, deleted: 0, files: 0, messages: 0, avis: 0, errors: 0 };
  let done = 0;
  for (const demarche of connection.config.demarches) await new DemarcheImport(db, connection, demarche, summary, now, () => onProgress(++done)).run();
  return summary;
}

/**
 * Reads one dossier from DS and records it as DS has it, its state included, even when DS's dates
 * are those of the last import (the push uses it to bring the hub back to what DS says). A failure
 * throws, and the next import reads the dossier again.
 */
export async function reimportDossier(db: HubDatabase, connection: DsConnection, number: number): Promise<void> {
  try {
    const dossier = await readDossier(connection, number);
    await recordDsDossier(db, connection, dossier, { force: true, dsStateStands: true, now: new Date(), refresh: () => readDossier(connection, number) });
    await clearRetry(db, number);
  } catch (error) {
    const { rows } = await db.query<{ demarche: number }>('SELECT demarche FROM ds_dossier WHERE number = $1', [number]);
    if (rows[0] && dossierFailure(error) !== null) await markForRetry(db, rows[0].demarche, number);
    throw error;
  }
}
