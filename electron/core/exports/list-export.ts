/**
 * 'exports.list': the dossier list as CSV or XLSX, either what the list's filters and sort give
 * or a selection of ids in the order given. The columns are the list's, plus the SIRET, the
 * amounts in euros, the procedure dates, the labels and the instructor. Core reads the rows; the
 * spreadsheet worker writes the file (20,000 rows of XLSX take seconds).
 */
import path from 'node:path';
import type { TFunction } from 'i18next';
import type { ParsedArgsOf, ResultOf } from '../../../shared/contract';
import { parisDate } from '../../../shared/domain/dates';
import type { DossierState } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import type { Messages } from '../../../shared/i18n';
import { createTranslator } from '../../../shared/i18n/translator';
import type { CoreContext } from '../context';
import { WorkerClient } from '../documents/worker-client';
import { listDossiers } from '../dossiers/list';
import { getPreferences } from '../preferences';
import type { CellValue, ColumnKind, SpreadsheetJob } from './spreadsheet';

type ListExportArgs = ParsedArgsOf<'exports.list'>;

interface ExportRow {
  id: string;
  number: number;
  demandeur: string;
  siret: string;
  projet: string;
  volet: number;
  territory: string;
  region: string;
  state: DossierState;
  amountRequestedCents: number;
  eligibleBaseCents: number | null;
  receivedAt: string;
  arDate: string | null;
  admissibilityNotifiedOn: string | null;
  dueDate: string | null;
  dueKind: 'admissibility' | 'instruction' | null;
  followed: number;
  labels: string;
  instructor: string | null;
}

// Rows in the order of the ids (json_each keeps the array's order in `key`).
const ROWS_SQL = `
SELECT d.id, d.number, d.demandeur_name AS demandeur, d.siret, d.projet_title AS projet, d.volet,
  d.territory_name AS territory, d.region_name AS region, d.state, d.amount_requested_cents AS amountRequestedCents,
  json_extract(s.json, '$.finance.eligibleBaseCents') AS eligibleBaseCents, d.received_at AS receivedAt, d.ar_date AS arDate,
  json_extract(s.json, '$.dates.admissibilityNotifiedOn') AS admissibilityNotifiedOn, d.due_date AS dueDate, d.due_kind AS dueKind,
  d.followed, (SELECT json_group_array(label) FROM dossier_label l WHERE l.dossier_seq = d.seq) AS labels,
  coalesce(json_extract(s.json, '$.assignedInstructor.name'), d.assigned_email) AS instructor
FROM json_each(@ids) j JOIN dossier d ON d.id = j.value LEFT JOIN dossier_source s ON s.dossier_seq = d.seq
ORDER BY j.key`;

/** Each column: how its value is read from a row, what kind of cell it is, and its width in XLSX. */
const COLUMNS: { key: keyof Messages['exports']['columns']; kind: ColumnKind; width: number; value: (row: ExportRow, t: TFunction) => CellValue }[] = [
  { key: 'number', kind: 'integer', width: 10, value: (row) => row.number },
  { key: 'demandeur', kind: 'text', width: 36, value: (row) => row.demandeur },
  { key: 'siret', kind: 'text', width: 16, value: (row) => row.siret },
  { key: 'projet', kind: 'text', width: 40, value: (row) => row.projet },
  { key: 'volet', kind: 'integer', width: 8, value: (row) => row.volet },
  { key: 'territory', kind: 'text', width: 28, value: (row) => row.territory },
  { key: 'region', kind: 'text', width: 24, value: (row) => row.region },
  { key: 'state', kind: 'text', width: 18, value: (row, t) => t(`states.${row.state}`) },
  { key: 'amountRequested', kind: 'euros', width: 18, value: (row) => row.amountRequestedCents / 100 },
  { key: 'eligibleBase', kind: 'euros', width: 18, value: (row) => (row.eligibleBaseCents === null ? null : row.eligibleBaseCents / 100) },
  { key: 'receivedAt', kind: 'date', width: 12, value: (row) => parisDate(row.receivedAt) },
  { key: 'arDate', kind: 'date', width: 12, value: (row) => row.arDate },
  { key: 'admissibilityNotifiedOn', kind: 'date', width: 12, value: (row) => row.admissibilityNotifiedOn },
  { key: 'dueDate', kind: 'date', width: 12, value: (row) => row.dueDate },
  { key: 'dueKind', kind: 'text', width: 28, value: (row, t) => (row.dueKind ? t(`deadlines.kind.${row.dueKind}`) : null) },
  { key: 'followed', kind: 'text', width: 8, value: (row, t) => t(row.followed === 1 ? 'exports.form.yes' : 'exports.form.no') },
  { key: 'labels', kind: 'text', width: 24, value: (row) => (JSON.parse(row.labels) as string[]).join(', ') },
  { key: 'instructor', kind: 'text', width: 24, value: (row) => row.instructor },
];

/** The ids the list shows for these filters, in its sort order: the list's own query, all rows at once. */
function listedIds(ctx: CoreContext, args: ListExportArgs): string[] {
  // The contract caps a page for the screen; an export wants every row, so it asks core directly.
  return listDossiers(ctx, { filters: args.filters, sort: args.sort, offset: 0, limit: Number.MAX_SAFE_INTEGER }).rows.map((row) => row.id);
}

function exportRows(ctx: CoreContext, args: ListExportArgs): ExportRow[] {
  return ctx.db.transaction((): ExportRow[] => {
    const ids = args.ids ? [...new Set(args.ids)] : listedIds(ctx, args);
    const rows = ctx.db.prepare(ROWS_SQL).all({ ids: JSON.stringify(ids) }) as ExportRow[];
    if (args.ids && rows.length < ids.length) {
      const found = new Set(rows.map((row) => row.id));
      throw new RelaisError('not_found', { what: `dossier ${ids.find((id) => !found.has(id))}` });
    }
    return rows;
  })();
}

export const LIST_MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/spreadsheet-worker.js. */
const spreadsheetWorker = new WorkerClient<SpreadsheetJob, Uint8Array>(path.join(__dirname, `spreadsheet-worker${path.extname(__filename)}`));

export async function exportList(ctx: CoreContext, args: ListExportArgs): Promise<ResultOf<'exports.list'>> {
  const { language } = getPreferences(ctx);
  const { t } = createTranslator(language);
  const rows = exportRows(ctx, args);
  const bytes = await spreadsheetWorker.run({
    format: args.format,
    language,
    sheetName: t('exports.list.sheetName'),
    creator: ctx.actor.name,
    createdAt: ctx.clock(),
    columns: COLUMNS.map((column) => ({ header: t(`exports.columns.${column.key}`), kind: column.kind, width: column.width })),
    rows: rows.map((row) => COLUMNS.map((column) => column.value(row, t))),
  });
  const name = `${t('exports.list.fileStem')}-${parisDate(ctx.clock())}.${args.format}`;
  return { name, mimeType: LIST_MIME_TYPES[args.format], base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.byteLength };
}
