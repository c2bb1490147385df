import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

/** Every file under `dir`, as archive paths. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${entry}/`) : [`${prefix}${entry}`];
  });
}

test.describe('exports', () => {
  test('the dossier page downloads the dossier as a ZIP whose files match its manifest', async ({ page, request }) => {
    // A dossier from near the end of the list by number, which the other specs leave alone.
    const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'desc' }, offset: 12, limit: 1 });
    const dossier = await call(request, 'dossiers.get', { id: rows[0].id });
    await openDesk(page, `/dossiers/${dossier.id}`);

    const button = page.getByRole('button', { name: 'Exporter le dossier (ZIP)' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`dossier-${dossier.number}.zip`);
    await expect(page.getByRole('status').filter({ hasText: `dossier-${dossier.number}.zip est enregistré dans vos téléchargements` })).toBeVisible();

    const work = mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-export-'));
    try {
      const zipFile = path.join(work, download.suggestedFilename());
      await download.saveAs(zipFile);
      const dir = path.join(work, 'unzipped');
      execFileSync('python3', ['-m', 'zipfile', '-e', zipFile, dir]);
      const files = filesUnder(dir).sort();
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      expect(manifest.dossier).toEqual({ id: dossier.id, number: dossier.number });
      expect(files).toContain('formulaire.pdf');
      expect(files).toContain('journal/journal.json');
      expect(files).toContain('journal/journal.csv');
      expect(files).toContain('annotations/annotations.json');
      const pieces = files.filter((file) => file.startsWith('pieces/'));
      expect(pieces.length + manifest.unreadablePieces.length).toBe(dossier.pieces.length);
      expect(manifest.files.map((entry: { path: string }) => entry.path).sort()).toEqual(files.filter((file) => file !== 'manifest.json'));
      for (const entry of manifest.files as { path: string; sha256: string }[]) {
        expect(createHash('sha256').update(readFileSync(path.join(dir, entry.path))).digest('hex')).toBe(entry.sha256);
      }
      const text = execFileSync('pdftotext', [path.join(dir, 'formulaire.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(`Dossier n° ${dossier.number}`);
      expect(text).toContain(dossier.demandeur.raisonSociale);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    await expectNoAxeViolations(page);
    await screenshot(page, 'exports-dossier-zip');
  });

  test('the list exports what its filters show, as CSV and as XLSX', async ({ page, request }) => {
    const expected = await call(request, 'dossiers.list', { filters: { states: ['accepte'] }, limit: 200 });
    await openDesk(page, '/dossiers?etat=accepte');
    await expect(page.getByRole('button', { name: 'Exporter la liste (CSV)' })).toBeVisible();

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter la liste (CSV)' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^dossiers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await csvDownload.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(expected.total);
    expect(new Set(records.map((record) => record['État']))).toEqual(new Set(['Accepté']));
    expect(records.map((record) => Number(record['Numéro'])).sort()).toEqual(expected.rows.map((row) => row.number).sort());

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter la liste (XLSX)' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await xlsxDownload.path()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Dossiers')!;
    expect(sheet.rowCount).toBe(expected.total + 1);
    expect(sheet.getRow(1).getCell(9).value).toBe('Montant demandé (€)');
    expect(typeof sheet.getRow(2).getCell(9).value).toBe('number');

    await expectNoAxeViolations(page);
    await screenshot(page, 'exports-list');
  });
});
