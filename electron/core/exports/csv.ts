/** CSV as French Excel opens it: UTF-8 with a byte order mark, fields separated by ';'. */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export function csvBytes(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Uint8Array {
  return new TextEncoder().encode(stringify([header, ...rows], { bom: true, delimiter: ';', record_delimiter: 'windows' }));
}
