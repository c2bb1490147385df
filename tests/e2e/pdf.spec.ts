import type { APIRequestContext } from '@playwright/test';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DossierDetail } from '../../shared/contract';
import { call, dataDir, expect, openDesk, screenshot, test } from './desk';

/** The first dossier (by number) with a piece matching `wanted`. */
async function findDossier(request: APIRequestContext, wanted: (piece: DossierDetail['pieces'][number]) => boolean) {
  const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'asc' }, limit: 200 });
  for (const row of rows) {
    const dossier = await call(request, 'dossiers.get', { id: row.id });
    const piece = dossier.pieces.find(wanted);
    if (piece) return { dossier, piece };
  }
  throw new Error('no dossier of the demo case file has such a piece');
}

test.describe('PDF viewer', () => {
  test('opens a 50-page piece with pages, zoom and search', async ({ page, request }) => {
    const { dossier, piece } = await findDossier(request, (candidate) => candidate.pageCount === 50);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=pieces`);
    // How fast it opens is a benchmark figure (npm run bench: pdf_50_pages_open_median_ms).
    await page.getByRole('button', { name: `Consulter la pièce ${piece.name}` }).click();
    const viewer = page.locator('.relais-pdf');
    await expect(viewer.getByTestId('pdf-page-count')).toHaveText('sur 50');
    await expect(viewer.locator('.page')).toHaveCount(50);

    // Pages: next page, then straight to page 12.
    await viewer.getByRole('button', { name: 'Page suivante' }).click();
    await expect(viewer.getByLabel('Page', { exact: true })).toHaveValue('2');
    await viewer.getByLabel('Page', { exact: true }).fill('12');
    await viewer.getByLabel('Page', { exact: true }).press('Enter');
    await expect(viewer.getByLabel('Page', { exact: true })).toHaveValue('12');

    // Zoom.
    const scale = viewer.locator('.relais-pdf__scale');
    const before = await scale.textContent();
    await viewer.getByRole('button', { name: 'Zoom avant' }).click();
    await expect(scale).not.toHaveText(before!);
    await viewer.getByRole('button', { name: 'Pleine largeur' }).click();
    await expect(scale).toHaveText(before!);

    // Search: a word of the document's first page, found and highlighted.
    const firstPageText = await viewer.locator('.page').first().locator('.textLayer').innerText();
    const word = firstPageText.split(/[^\p{L}]+/u).find((candidate) => candidate.length >= 6)!;
    await viewer.getByRole('searchbox', { name: 'Rechercher dans la pièce' }).fill(word);
    await expect(viewer.getByTestId('pdf-find-status')).toHaveText(/^\d+ sur \d+ résultats?$/);
    await expect(viewer.locator('.textLayer .highlight').first()).toBeVisible();
    await screenshot(page, 'dossier-pdf');
  });

  test('says so when a piece is damaged, and the rest of the dossier still works', async ({ page, request }) => {
    const { dossier, piece } = await findDossier(request, (candidate) => candidate.kind === 'extrait_kbis');
    const blob = path.join(dataDir(), 'blobs', piece.sha256.slice(0, 2), piece.sha256);
    const original = `${blob}.intact`;
    copyFileSync(blob, original);
    try {
      // A few bytes changed on disk: the store's hash check refuses the file.
      const bytes = readFileSync(blob);
      bytes.write('damaged', Math.floor(bytes.length / 2));
      writeFileSync(blob, bytes);

      await openDesk(page, `/dossiers/${dossier.id}?onglet=pieces`);
      await page.getByRole('button', { name: `Consulter la pièce ${piece.name}` }).click();
      const alert = page.locator('.relais-pdf').getByRole('alert');
      await expect(alert).toContainText(`La pièce « ${piece.name} » est illisible ou endommagée`);
      await expect(alert).toContainText('Le reste du dossier reste consultable');
      await screenshot(page, 'dossier-piece-damaged');

      await page.getByRole('tab', { name: 'Synthèse' }).click();
      await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Demandeur' })).toBeVisible();
    } finally {
      renameSync(original, blob);
    }
  });

  // The demo case file carries an applicant's truncated PDF and a file that is not a PDF at all.
  for (const textStatus of ['unreadable', 'not_pdf'] as const) {
    test(`says so when a piece cannot be read (${textStatus}), and the rest of the dossier still works`, async ({ page, request }) => {
      const { dossier, piece } = await findDossier(request, (candidate) => candidate.textStatus === textStatus);
      await openDesk(page, `/dossiers/${dossier.id}?onglet=pieces`);
      await page.getByRole('button', { name: `Consulter la pièce ${piece.name}` }).click();
      await expect(page.locator('.relais-pdf').getByRole('alert')).toContainText(`La pièce « ${piece.name} » est illisible ou endommagée`);
      await page.getByRole('tab', { name: 'Formulaire' }).click();
      await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 }).first()).toBeVisible();
    });
  }
});
