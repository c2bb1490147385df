import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../shared/contract';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { DESK_NOW, seedDesk, type Desk } from './fixtures/core-desk';

let t: TestContext;
let desk: Desk;

beforeAll(() => {
  t = createTestContext(DESK_NOW);
  desk = seedDesk(t);
});
afterAll(() => t.dispose());

async function csvRecords(args: ArgsOf<'exports.list'>): Promise<{ name: string; text: string; records: Record<string, string>[] }> {
  const file = await t.call('exports.list', args);
  const text = Buffer.from(file.base64, 'base64').toString('utf8');
  return { name: file.name, text, records: parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[] };
}

const idOf = (number: number) => desk.dossiers.get(number)!.id;

describe('exports.list as CSV', () => {
  it('writes UTF-8 with a BOM and ";" separators, the rows the filters give, in the list order', async () => {
    const { name, text, records } = await csvRecords({ format: 'csv', filters: { states: ['en_instruction', 'en_construction'] }, sort: { column: 'montant', direction: 'desc' } });
    expect(name).toBe('dossiers-2026-03-15.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFNuméro;Demandeur;SIRET;Projet;Volet;Territoire d’industrie;Région;État;Montant demandé (€);Assiette éligible (€);Déposé le;Accusé de réception;Recevabilité notifiée le;Échéance;Nature de l’échéance;Suivi;Étiquettes;Instructeur;' +
        'Pièces obligatoires;Délai de recevabilité;Délai d’instruction;Plafond des aides publiques;Intensité de l’aide;Plafond de l’avance',
    );
    // 102 and 104 both ask 200,000 €: the number breaks the tie, in the same direction.
    expect(records.map((record) => record['Numéro'])).toEqual(['104', '102', '101', '106']);
    const first = records[0];
    expect(first['Demandeur']).toBe('Boulonnerie du Nord');
    expect(first['SIRET']).toBe(desk.dossiers.get(104)!.demandeur.siret);
    expect(first['Montant demandé (€)']).toBe('200000,00');
    expect(first['Assiette éligible (€)']).toBe('500000,00');
    expect(first['État']).toBe('En construction');
    expect(first['Déposé le']).toBe('2026-03-01');
    expect(first['Instructeur']).toBe('Camille Instructrice');
    // The same verdicts as the dossier page, on the same day.
    const detail = await t.call('dossiers.get', { id: idOf(104) });
    const statusLabels = { ok: 'Conforme', warning: 'Attention', failed: 'Non conforme', to_check: 'À vérifier' } as const;
    expect(first['Pièces obligatoires']).toBe(statusLabels[detail.checks.find((check) => check.id === 'required_pieces')!.status]);
    expect(first['Délai de recevabilité']).toBe(statusLabels[detail.checks.find((check) => check.id === 'admissibility_deadline')!.status]);
    expect(records.find((record) => record['Numéro'] === '101')!['Étiquettes']).toBe('Prioritaire');
  });

  it('takes the full-text query of the list', async () => {
    const { records } = await csvRecords({ format: 'csv', filters: { query: 'chaudière' } });
    expect(records.map((record) => record['Numéro'])).toEqual(['103']);
  });

  it('exports a selection in the order given, and refuses an id that is not in the case file', async () => {
    const { records } = await csvRecords({ format: 'csv', ids: [idOf(105), idOf(101), idOf(105)] });
    expect(records.map((record) => record['Numéro'])).toEqual(['105', '101']);
    expect((await t.failure('exports.list', { format: 'csv', ids: [idOf(101), '0190f3a0-0000-7000-8000-000000000000'] })).code).toBe('not_found');
    expect((await t.failure('exports.list', { format: 'pdf' })).code).toBe('invalid_arguments');
    expect((await t.failure('exports.list', { format: 'csv', ids: [] })).code).toBe('invalid_arguments');
  });

  it('writes the headers and values in English when the interface is in English', async () => {
    await t.call('preferences.setLanguage', { language: 'en' });
    try {
      const { records } = await csvRecords({ format: 'csv', ids: [idOf(102)] });
      expect(records[0]['State']).toBe('Under review');
      expect(records[0]['Amount requested (€)']).toBe('200000.00');
      expect(records[0]['Kind of deadline']).toBe('Decision');
    } finally {
      await t.call('preferences.setLanguage', { language: 'fr' });
    }
  });
});

describe('exports.list as XLSX', () => {
  it('writes a workbook exceljs reads back, with numbers in euros and real dates', async () => {
    const file = await t.call('exports.list', { format: 'xlsx', filters: { territoryIds: ['ti-0062'] }, sort: { column: 'number', direction: 'asc' } });
    expect(file.name).toBe('dossiers-2026-03-15.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Dossiers')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('Numéro');
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(103);
    expect(row.getCell(2).value).toBe('zinguerie Moreau');
    expect(row.getCell(9).value).toBe(10_000);
    expect(row.getCell(9).numFmt).toBe('#,##0.00 "€"');
    expect(row.getCell(11).value).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(row.getCell(12).value).toEqual(new Date('2025-06-10T00:00:00Z'));
    expect(sheet.getRow(3).getCell(1).value).toBe(104);
  });
});
