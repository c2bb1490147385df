/**
 * Attaching files from outside on the Pièces tab: several files at once with progress, each
 * accepted or refused with its sentence; a PDF whose JavaScript would rewrite a form field and
 * raise an alert opens in the viewer without any of it running.
 */
import * as hostile from '../fixtures/hostile';
import { cameraJpeg } from '../integration/fixtures/photos';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

test.describe('attaching files from outside', () => {
  test('attaches good files, refuses the others with a sentence, and never runs a piece’s script', async ({ page, request }) => {
    // A dossier no other spec reads: the case file is shared, and this one gets three more pieces.
    const [own] = (await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'asc' }, offset: 3, limit: 1 })).rows;
    const dossierId = own!.id;
    const before = (await call(request, 'dossiers.get', { id: dossierId })).pieces.length;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await openDesk(page, `/dossiers/${dossierId}?onglet=pieces`);
    const section = page.getByRole('region', { name: 'Joindre des fichiers reçus hors Démarches Simplifiées' });
    await section.getByLabel('Fichiers à joindre').setInputFiles([
      { name: 'attestation.pdf', mimeType: 'application/pdf', buffer: await hostile.textPdf(2, 'Attestation URSSAF') },
      { name: 'rapport.pdf', mimeType: 'application/pdf', buffer: hostile.notAPdf() },
      { name: 'formulaire scripté.pdf', mimeType: 'application/pdf', buffer: await hostile.activeContentPdf() },
      { name: 'façade.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() },
      { name: 'scan énorme.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(26 * 1024 * 1024, 0x25) },
    ]);
    await expect(section.getByRole('status')).toContainText('« attestation.pdf » a été joint au dossier.', { timeout: 30_000 });
    await expect(section.getByRole('status')).toContainText('« formulaire scripté.pdf » a été joint au dossier.');
    await expect(section.getByRole('status')).toContainText('« façade.jpg » a été joint au dossier.');
    await expect(section.getByRole('status')).toContainText('Relais le garde tel quel mais ne les exécute jamais');
    await expect(section.getByRole('alert').filter({ hasText: 'Le fichier « rapport.pdf » n’est ni un PDF ni une image JPEG ou PNG' })).toBeVisible();
    await expect(section.getByRole('alert').filter({ hasText: 'Le fichier « scan énorme.pdf » dépasse 25 Mo' })).toBeVisible();
    const pieces = page.locator('table').filter({ hasText: 'attestation.pdf' });
    await expect(pieces).toContainText('Jointe par');
    expect((await call(request, 'dossiers.get', { id: dossierId })).pieces.length).toBe(before + 3);
    await expectNoAxeViolations(page);
    await screenshot(page, 'attach-results');

    await page.getByRole('button', { name: 'Consulter la pièce formulaire scripté.pdf' }).click();
    const viewer = page.locator('.relais-pdf');
    await expect(viewer.getByTestId('pdf-page-count')).toHaveText('sur 1');
    await expect(viewer.locator('.textLayer')).toContainText('Pièce avec script');
    await expect(page.locator('body')).not.toContainText('PWNED');
    expect(dialogs).toEqual([]);

    // An attached image opens as an image.
    await page.getByRole('button', { name: 'Consulter la pièce façade.jpg' }).click();
    await expect(page.getByRole('img', { name: 'Pièce : façade.jpg' })).toHaveJSProperty('naturalWidth', 40);
  });
});
