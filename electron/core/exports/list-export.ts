/**
 * 'exports.list': the dossier list as CSV or XLSX, either what the list's filters and sort give
 * or a selection of ids in the order given. The columns are the list's (with one per legal check),
 * plus the SIRET, the amounts in euros, the procedure dates, the labels and the instructor. Core reads the rows; the
 * spreadsheet worker writes the file (20,000 rows of XLSX take seconds).
 */
import path from 'node:path';
import type { TFunction } from 'i18next';
import type { ParsedArgsOf, ResultOf } from '../../../shared/contract';
import { parisDate } from '../../../shared/domain/dates';
import { CHECK_IDS, type CheckId, type CheckStatus } from '../../../shared/domain/checks';
import type { DossierState } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import type { Messages } from '../../../shared/i18n';
import { createTranslator } from '../../../shared/i18n/translator';
import type { CoreContext } from '../context';
import { WorkerClient } from '../documents/worker-client';
import { CHECKS_JSON_SQL } from '../dossiers/check-columns';
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
  labels: string[];
  instructor: string | null;
  /** Each check's status on the day of the export, as the list shows it. */
  checks: Partial<Record<CheckId, CheckStatus>>;
}

/** As SQLite returns it: the labels and checks as JSON text. */
type StoredRow = Omit<ExportRow, 'labels' | 'checks'> & { labels: string; checks: string };

// Rows in the order of the ids (json_each keeps the array's order in `key`).
const ROWS_SQL = `
SELECT d.id, d.number, d.demandeur_name AS demandeur, d.siret, d.projet_title AS projet, d.volet,
  d.territory_name AS territory, d.region_name AS region, d.state, d.amount_requested_cents AS amountRequestedCents,
  json_extract(s.json, '$.finance.eligibleBaseCents') AS eligibleBaseCents, d.received_at AS receivedAt, d.ar_date AS arDate,
  json_extract(s.json, '$.dates.admissibilityNotifiedOn') AS admissibilityNotifiedOn, d.due_date AS dueDate, d.due_kind AS dueKind,
  d.followed, (SELECT json_group_array(label) FROM dossier_label l WHERE l.dossier_seq = d.seq) AS labels,
  coalesce(json_extract(s.json, '$.assignedInstructor.name'), d.assigned_email) AS instructor,
  ${CHECKS_JSON_SQL} AS checks
FROM json_each(@ids) j JOIN dossier d ON d.id = j.value LEFT JOIN dossier_source s ON s.dossier_seq = d.seq
ORDER BY j.key`;

interface Column {
  header: (t: TFunction) => string;
  kind: ColumnKind;
  /** In characters, for XLSX. */
  width: number;
  value: (row: ExportRow, t: TFunction) => CellValue;
}

/** A column of this section's catalogue (exports.columns). */
function column(key: keyof Messages['exports']['columns'], kind: ColumnKind, width: number, value: Column['value']): Column {
  return { header: (t) => t(`exports.columns.${key}`), kind, width, value };
}

/** One column per legal check, with its verdict, as the list's Contrôles column sums them up. */
const CHECK_COLUMNS: Column[] = CHECK_IDS.map((id) => ({
  header: (t) => t(`checks.names.${id}`),
  kind: 'text',
  width: 16,
  value: (row, t) => {
    const status = row.checks[id];
    return status ? t(`checks.status.${status}`) : null;
  },
}));

const COLUMNS: Column[] = [
  column('number', 'integer', 10, (row) => row.number),
  column('demandeur', 'text', 36, (row) => row.demandeur),
  column('siret', 'text', 16, (row) => row.siret),
  column('projet', 'text', 40, (row) => row.projet),
  column('volet', 'integer', 8, (row) => row.volet),
  column('territory', 'text', 28, (row) => row.territory),
  column('region', 'text', 24, (row) => row.region),
  column('state', 'text', 18, (row, t) => t(`states.${row.state}`)),
  column('amountRequested', 'euros', 18, (row) => row.amountRequestedCents / 100),
  column('eligibleBase', 'euros', 18, (row) => (row.eligibleBaseCents === null ? null : row.eligibleBaseCents / 100)),
  column('receivedAt', 'date', 12, (row) => parisDate(row.receivedAt)),
  column('arDate', 'date', 12, (row) => row.arDate),
  column('admissibilityNotifiedOn', 'date', 12, (row) => row.admissibilityNotifiedOn),
  column('dueDate', 'date', 12, (row) => row.dueDate),
  column('dueKind', 'text', 28, (row, t) => (row.dueKind ? t(`deadlines.kind.${row.dueKind}`) : null)),
  column('followed', 'text', 8, (row, t) => t(row.followed === 1 ? 'exports.form.yes' : 'exports.form.no')),
  column('labels', 'text', 24, (row) => row.labels.join(', ')),
  column('instructor', 'text', 24, (row) => row.instructor),
  ...CHECK_COLUMNS,
];

/** The ids the list shows for these filters, in its sort order: the list's own query, all rows at once. */
function listedIds(ctx: CoreContext, args: ListExportArgs): string[] {
  // The contract caps a page for the screen; an export wants every row, so it asks core directly.
  return listDossiers(ctx, { filters: args.filters, sort: args.sort, offset: 0, limit: Number.MAX_SAFE_INTEGER }).rows.map((row) => row.id);
}

function exportRows(ctx: CoreContext, args: ListExportArgs): ExportRow[] {
  return ctx.db.transaction((): ExportRow[] => {
    const ids = args.ids ? [...new Set(args.ids)] : listedIds(ctx, args);
    const rows = ctx.db.prepare(ROWS_SQL).all({ ids: JSON.stringify(ids), today: parisDate(ctx.clock()) }) as StoredRow[];
    if (args.ids && rows.length < ids.length) {
      const found = new Set(rows.map((row) => row.id));
      throw new RelaisError('not_found', { what: `dossier ${ids.find((id) => !found.has(id))}` });
    }
    return rows.map((row) => ({ ...row, labels: JSON.parse(row.labels) as string[], checks: JSON.parse(row.checks) as ExportRow['checks'] }));
  })();
}

/**
 * `t` for the cell values, remembered per key: they are a handful of labels (states, verdicts)
 * repeated on every row, and i18next takes microseconds per call, seconds over 20,000 rows.
 */
function labelsOf(t: TFunction): TFunction {
  const labels = new Map<string, string>();
  const label = (key: string): string => {
    let text = labels.get(key);
    if (text === undefined) {
      text = (t as unknown as (key: string) => string)(key);
      labels.set(key, text);
    }
    return text;
  };
  // The values ask for labels without parameters: the same keys `t` takes.
  return label as unknown as TFunction;
}

const LIST_MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Beside this file under tsx/vitest; in the Electron bundle, the sibling entry out/main/spreadsheet-worker.js. */
const spreadsheetWorker = new WorkerClient<SpreadsheetJob, Uint8Array>(path.join(__dirname, `spreadsheet-worker${path.extname(__filename)}`));

export async function exportList(ctx: CoreContext, args: ListExportArgs): Promise<ResultOf<'exports.list'>> {
  const { language } = getPreferences(ctx);
  const { t } = createTranslator(language);
  const rows = exportRows(ctx, args);
  const label = labelsOf(t);
  const bytes = await spreadsheetWorker.run({
    format: args.format,
    language,
    sheetName: t('exports.list.sheetName'),
    creator: ctx.actor.name,
    createdAt: ctx.clock(),
    columns: COLUMNS.map((column) => ({ header: column.header(t), kind: column.kind, width: column.width })),
    rows: rows.map((row) => COLUMNS.map((column) => column.value(row, label))),
  });
  const name = `${t('exports.list.fileStem')}-${parisDate(ctx.clock())}.${args.format}`;
  return { name, mimeType: LIST_MIME_TYPES[args.format], base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.byteLength };
}
