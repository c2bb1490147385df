/**
 * A table written as CSV (UTF-8 with BOM, ';' separated: what French Excel opens) or as XLSX
 * (exceljs) with typed cells: numbers in euros with their format, dates as dates. Pure data in,
 * bytes out, so that it runs in the spreadsheet worker.
 */
import ExcelJS from 'exceljs';
import type { Language } from '../../../shared/contract';
import type { ListExportFormat } from '../../../shared/channels/exports';
import { csvBytes, type CsvCell } from './csv';

export type ColumnKind = 'text' | 'integer' | 'euros' | 'date';

/** One cell before formatting: amounts in euros (not cents), dates as YYYY-MM-DD. */
export type CellValue = string | number | null;

export interface SpreadsheetJob {
  format: ListExportFormat;
  language: Language;
  sheetName: string;
  creator: string;
  createdAt: Date;
  columns: { header: string; kind: ColumnKind; width: number }[];
  rows: CellValue[][];
}

function csvCell(value: CellValue, kind: ColumnKind, language: Language): CsvCell {
  // French Excel reads "1234,5" as a number; thousands separators would make it text.
  if (kind === 'euros' && typeof value === 'number') return language === 'fr' ? value.toFixed(2).replace('.', ',') : value.toFixed(2);
  return value;
}

async function xlsxBytes(job: SpreadsheetJob): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = job.creator;
  workbook.created = job.createdAt;
  workbook.modified = job.createdAt;
  const sheet = workbook.addWorksheet(job.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const dateFormat = job.language === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
  sheet.columns = job.columns.map((column) => {
    const numFmt = column.kind === 'euros' ? '#,##0.00 "€"' : column.kind === 'date' ? dateFormat : undefined;
    return { header: column.header, width: column.width, style: numFmt ? { numFmt } : {} };
  });
  for (const row of job.rows) {
    // A calendar date is a day, not an instant: midnight UTC is what Excel shows as that day.
    sheet.addRow(row.map((value, index) => (job.columns[index].kind === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value)));
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: job.columns.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function spreadsheetBytes(job: SpreadsheetJob): Promise<Uint8Array> {
  if (job.format === 'xlsx') return xlsxBytes(job);
  return csvBytes(
    job.columns.map((column) => column.header),
    job.rows.map((row) => row.map((value, index) => csvCell(value, job.columns[index].kind, job.language))),
  );
}
