/**
 * 'exports.list': the dossier list as CSV or XLSX, either what the list's filters and sort give
 * or a selection of ids in the order given. The columns are the list's, plus the SIRET, the
 * amounts in euros, the procedure dates, the labels and the instructor.
 */
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { MAX_PAGE_SIZE, type Language, type ParsedArgsOf, type ResultOf } from '../../../shared/contract';
import { parisDate } from '../../../shared/domain/dates';
import type { DossierState } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/translator';
import type { CoreContext } from '../context';
import { listDossiers } from '../dossiers/list';
import { getPreferences } from '../preferences';
import { csvBytes, type CsvCell } from './csv';

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

const COLUMNS = [
  'number', 'demandeur', 'siret', 'projet', 'volet', 'territory', 'region', 'state', 'amountRequested', 'eligibleBase',
  'receivedAt', 'arDate', 'admissibilityNotifiedOn', 'dueDate', 'dueKind', 'followed', 'labels', 'instructor',
] as const;
type Column = (typeof COLUMNS)[number];
type Kind = 'text' | 'integer' | 'euros' | 'date';
const KINDS: Partial<Record<Column, Kind>> = {
  number: 'integer',
  volet: 'integer',
  amountRequested: 'euros',
  eligibleBase: 'euros',
  receivedAt: 'date',
  arDate: 'date',
  admissibilityNotifiedOn: 'date',
  dueDate: 'date',
};

/** One cell before formatting: numbers in euros (not cents), dates as YYYY-MM-DD. */
type Value = string | number | null;

function valuesOf(row: ExportRow, t: TFunction): Record<Column, Value> {
  return {
    number: row.number,
    demandeur: row.demandeur,
    siret: row.siret,
    projet: row.projet,
    volet: row.volet,
    territory: row.territory,
    region: row.region,
    state: t(`states.${row.state}`),
    amountRequested: row.amountRequestedCents / 100,
    eligibleBase: row.eligibleBaseCents === null ? null : row.eligibleBaseCents / 100,
    receivedAt: parisDate(row.receivedAt),
    arDate: row.arDate,
    admissibilityNotifiedOn: row.admissibilityNotifiedOn,
    dueDate: row.dueDate,
    dueKind: row.dueKind ? t(`deadlines.kind.${row.dueKind}`) : null,
    followed: t(row.followed === 1 ? 'exports.form.yes' : 'exports.form.no'),
    labels: (JSON.parse(row.labels) as string[]).join(', '),
    instructor: row.instructor,
  };
}

/** The ids the list shows for these filters, in its sort order, read page by page through the list itself. */
function listedIds(ctx: CoreContext, args: ListExportArgs): string[] {
  const ids: string[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = listDossiers(ctx, { filters: args.filters, sort: args.sort, offset, limit: MAX_PAGE_SIZE });
    ids.push(...page.rows.map((row) => row.id));
    if (page.rows.length < MAX_PAGE_SIZE) return ids;
  }
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

function csvCell(value: Value, kind: Kind, language: Language): CsvCell {
  // French Excel reads "1234,5" as a number; thousands separators would make it text.
  if (kind === 'euros' && typeof value === 'number') return language === 'fr' ? value.toFixed(2).replace('.', ',') : value.toFixed(2);
  return value;
}

async function xlsxBytes(ctx: CoreContext, headers: string[], table: Record<Column, Value>[], language: Language, sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = ctx.actor.name;
  workbook.created = ctx.clock();
  workbook.modified = ctx.clock();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dateFormat = language === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
  sheet.columns = COLUMNS.map((column, index) => {
    const kind = KINDS[column] ?? 'text';
    const numFmt = kind === 'euros' ? '#,##0.00 "€"' : kind === 'date' ? dateFormat : undefined;
    const width = kind === 'date' ? 12 : kind === 'euros' ? 16 : kind === 'integer' ? 9 : column === 'projet' || column === 'demandeur' ? 40 : 20;
    return { header: headers[index], key: column, width, style: numFmt ? { numFmt } : {} };
  });
  for (const values of table) {
    const cells: Record<string, unknown> = {};
    for (const column of COLUMNS) {
      const value = values[column];
      // A calendar date is a day, not an instant: midnight UTC is what Excel shows as that day.
      cells[column] = KINDS[column] === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
    }
    sheet.addRow(cells);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const LIST_MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function exportList(ctx: CoreContext, args: ListExportArgs): Promise<ResultOf<'exports.list'>> {
  const { language } = getPreferences(ctx);
  const { t } = createTranslator(language);
  const table = exportRows(ctx, args).map((row) => valuesOf(row, t));
  const headers = COLUMNS.map((column) => t(`exports.columns.${column}`));
  const bytes =
    args.format === 'csv'
      ? csvBytes(headers, table.map((values) => COLUMNS.map((column) => csvCell(values[column], KINDS[column] ?? 'text', language))))
      : await xlsxBytes(ctx, headers, table, language, t('exports.list.sheetName'));
  const name = `${t('exports.list.fileStem')}-${parisDate(ctx.clock())}.${args.format}`;
  return { name, mimeType: LIST_MIME_TYPES[args.format], base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.byteLength };
}
