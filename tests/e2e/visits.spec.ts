/**
 * Site visits in Chromium: a report typed and autosaved, a photo imported from disk with its
 * thumbnail, all still there after a reload, the larger view, the report PDF downloaded and
 * read, and a file that is not a photo refused with a sentence. Works on one dossier no other
 * spec uses (the 138th by number).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cameraJpeg } from '../integration/fixtures/photos';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, SHOTS_DIR, test } from './desk';

async function visitDossierId(request: Parameters<typeof call>[0]): Promise<string> {
  const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'asc' }, offset: 137, limit: 1 });
  return rows[0].id;
}

/** The dossier's latest visit, started through the contract when it has none. */
async function latestVisit(request: Parameters<typeof call>[0], dossierId: string) {
  const { visits } = await call(request, 'visits.list', { dossierId });
  return visits.at(-1) ?? (await call(request, 'visits.create', { dossierId }));
}

async function savedField(request: Parameters<typeof call>[0], dossierId: string, field: 'place' | 'observations' | 'conclusion') {
  return (await latestVisit(request, dossierId))[field];
}

async function waitUntilSaved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^\s*Enregistré le/ })).toBeVisible();
}

test.describe('site visits', () => {
  test('a visit report with a photo is saved as typed and is still there after a reload', async ({ page, request }) => {
    const dossierId = await visitDossierId(request);
    await openDesk(page, `/dossiers/${dossierId}`);
    await page.getByRole('tab', { name: 'Visite' }).click();
    await expect(page).toHaveURL(/onglet=visite/);
    await expect(page.getByRole('heading', { name: 'Visites sur site' })).toBeVisible();

    await page.getByRole('button', { name: 'Nouvelle visite' }).click();
    const form = page.getByRole('region', { name: 'Compte rendu de la visite' });
    await expect(form).toBeVisible();
    await form.getByLabel('Date de la visite').fill('2026-03-16');
    await form.getByLabel('Lieu').fill('Zone industrielle de Golbey');
    await form.getByRole('button', { name: 'Ajouter un participant' }).click();
    await form.getByLabel('Nom du participant 1').fill('Marie Martin');
    await form.getByLabel('Fonction ou organisme du participant 1').fill('Directrice du site');
    const firstItem = form.getByRole('group').filter({ hasText: 'Le site visité correspond à l’adresse déclarée' });
    // DSFR draws the radio over its input: a user clicks the label.
    await firstItem.getByText('Conforme', { exact: true }).click();
    await form.getByLabel('Remarque sur le point : Le site visité correspond à l’adresse déclarée').fill('Adresse vérifiée sur place');
    await form.getByLabel('Observations').fill('Le four actuel date de 1987.');
    await form.getByLabel('Conclusion').fill('Avis favorable.');
    await waitUntilSaved(page);

    await form.getByLabel('Ajouter des photos').setInputFiles({ name: 'façade.jpg', mimeType: 'image/jpeg', buffer: await cameraJpeg() });
    const photos = form.getByRole('list', { name: 'Photos de la visite' });
    await expect(photos.getByRole('listitem')).toHaveCount(1);
    await expect(photos).toContainText('façade.jpg');
    await expect(photos).toContainText('Prise le 10 mars 2026');
    await expect(photos).toContainText('Position GPS : 48,17500° N, 6,45000° E');
    await expect(photos.locator('img')).toHaveJSProperty('naturalWidth', 40);
    await expectNoAxeViolations(page);
    await screenshot(page, 'visits-form');

    await page.reload();
    await expect(page.getByRole('region', { name: 'Compte rendu de la visite' })).toBeVisible();
    const reloaded = page.getByRole('region', { name: 'Compte rendu de la visite' });
    await expect(reloaded.getByLabel('Date de la visite')).toHaveValue('2026-03-16');
    await expect(reloaded.getByLabel('Lieu')).toHaveValue('Zone industrielle de Golbey');
    await expect(reloaded.getByLabel('Nom du participant 1')).toHaveValue('Marie Martin');
    await expect(reloaded.getByRole('group').filter({ hasText: 'Le site visité correspond' }).getByRole('radio', { name: 'Conforme', exact: true })).toBeChecked();
    await expect(reloaded.getByLabel('Observations')).toHaveValue('Le four actuel date de 1987.');
    await expect(reloaded.getByRole('list', { name: 'Photos de la visite' }).getByRole('listitem')).toHaveCount(1);

    // The larger view, from the keyboard: a modal dialog that Escape closes, focus back on the thumbnail.
    const thumbnail = reloaded.getByRole('button', { name: 'Agrandir la photo façade.jpg' });
    await thumbnail.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'Photo : façade.jpg' });
    await expect(viewer).toBeVisible();
    await expect(viewer.locator('img')).toHaveJSProperty('naturalHeight', 60);
    await expectNoAxeViolations(page);
    await screenshot(page, 'visits-photo-viewer');
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
    await expect(thumbnail).toBeFocused();

    const [download] = await Promise.all([page.waitForEvent('download'), reloaded.getByRole('button', { name: 'Télécharger le compte rendu (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`compte-rendu-visite-${(await call(request, 'dossiers.get', { id: dossierId })).number}-2026-03-16.pdf`);
    const file = path.join(os.tmpdir(), `relais-e2e-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['Compte rendu de visite sur site', 'Zone industrielle de Golbey', 'Marie Martin', 'Adresse vérifiée sur place', 'Avis favorable.', 'Photo 1 : façade.jpg']) {
      expect(text).toContain(expected);
    }

    // The journal tells the story in the Historique tab.
    await page.getByRole('tab', { name: 'Historique' }).click();
    const history = page.getByRole('table', { name: 'Historique des modifications du dossier' });
    await expect(history).toContainText('A ajouté une photo à une visite');
    await expect(history).toContainText('A commencé un compte rendu de visite');
    await expect(history).toContainText('Date de la visite : 16 mars 2026');
    await screenshot(page, 'visits-history');
  });

  test('a file that is not a photo is refused with a sentence, and nothing is added', async ({ page, request }) => {
    const dossierId = await visitDossierId(request);
    const before = (await call(request, 'visits.list', { dossierId })).visits;
    await openDesk(page, `/dossiers/${dossierId}?onglet=visite`);
    const form = page.getByRole('region', { name: 'Compte rendu de la visite' });
    await expect(form).toBeVisible();
    await form.getByLabel('Ajouter des photos').setInputFiles([
      { name: 'facture.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 facture') },
      { name: 'drone.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(26 * 1024 * 1024) },
    ]);
    await expect(form.getByRole('alert').filter({ hasText: 'Le fichier « facture.jpg » n’est pas une photo JPEG ou PNG' })).toBeVisible();
    await expect(form.getByRole('alert').filter({ hasText: 'La photo « drone.jpg » dépasse 25 Mo' })).toBeVisible();
    const after = (await call(request, 'visits.list', { dossierId })).visits;
    expect(after.at(-1)?.photos.length).toBe(before.at(-1)?.photos.length);
    await expectNoAxeViolations(page);
    await screenshot(page, 'visits-refused');
  });

  test('what was typed just before a reload comes back and is saved', async ({ page, request }) => {
    const dossierId = await visitDossierId(request);
    await latestVisit(request, dossierId);
    await openDesk(page, `/dossiers/${dossierId}?onglet=visite`);
    const typed = `Tapé juste avant de recharger ${Date.now()}`;
    await page.getByRole('region', { name: 'Compte rendu de la visite' }).getByLabel('Observations').fill(typed);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Compte rendu de la visite' }).getByLabel('Observations')).toHaveValue(typed);
    await expect.poll(() => savedField(request, dossierId, 'observations')).toBe(typed);
  });

  test('two windows on one visit: different fields are both kept, the same field asks which version wins', async ({ page, context, request }) => {
    const dossierId = await visitDossierId(request);
    await latestVisit(request, dossierId);
    const other = await context.newPage();
    await openDesk(page, `/dossiers/${dossierId}?onglet=visite`);
    await openDesk(other, `/dossiers/${dossierId}?onglet=visite`);
    const first = page.getByRole('region', { name: 'Compte rendu de la visite' });
    const second = other.getByRole('region', { name: 'Compte rendu de la visite' });

    await first.getByLabel('Lieu').fill('Lieu tapé dans la fenêtre A');
    await expect.poll(() => savedField(request, dossierId, 'place')).toBe('Lieu tapé dans la fenêtre A');
    await second.getByLabel('Conclusion').fill('Conclusion tapée dans la fenêtre B');
    await expect.poll(() => savedField(request, dossierId, 'conclusion')).toBe('Conclusion tapée dans la fenêtre B');
    // Window B took in A's place while saving its own conclusion over A's version.
    await expect(second.getByLabel('Lieu')).toHaveValue('Lieu tapé dans la fenêtre A');
    expect(await savedField(request, dossierId, 'place')).toBe('Lieu tapé dans la fenêtre A');

    await first.getByLabel('Observations').fill('Observations de A');
    await expect.poll(() => savedField(request, dossierId, 'observations')).toBe('Observations de A');
    await second.getByLabel('Observations').fill('Observations de B');
    const alert = second.locator('.fr-alert--warning');
    await expect(alert).toContainText('Enregistré depuis une autre fenêtre');
    await expect(alert).toContainText('Ce compte rendu a été enregistré entre-temps depuis une autre fenêtre');
    await expect(second.getByLabel('Observations')).toHaveValue('Observations de B');
    await expectNoAxeViolations(other);
    await screenshot(other, 'visits-conflict');
    await second.getByRole('button', { name: 'Enregistrer ma version' }).click();
    await expect.poll(() => savedField(request, dossierId, 'observations')).toBe('Observations de B');
    expect(await savedField(request, dossierId, 'conclusion')).toBe('Conclusion tapée dans la fenêtre B');
    await other.close();
  });

  test('in English, and on a narrow window', async ({ page, request }) => {
    const dossierId = await visitDossierId(request);
    await latestVisit(request, dossierId);
    await call(request, 'preferences.setLanguage', { language: 'en' });
    try {
      await openDesk(page, `/dossiers/${dossierId}?onglet=visite`);
      await expect(page.getByRole('tab', { name: 'Visit' })).toHaveAttribute('aria-selected', 'true');
      const form = page.getByRole('region', { name: 'Visit report' });
      await expect(form.getByLabel('Date of the visit')).toBeVisible();
      await expect(form.getByRole('group').filter({ hasText: 'The site visited matches the declared address' }).getByText('Compliant', { exact: true })).toBeVisible();
      await expect(form.getByRole('list', { name: 'Photos of the visit' })).toContainText('Taken on 10 Mar 2026');
      await expect(form.getByRole('button', { name: 'Download the report (PDF)' })).toBeVisible();
      await expectNoAxeViolations(page);
      await screenshot(page, 'visits-en');
      await page.setViewportSize({ width: 420, height: 900 });
      await expect(form.getByLabel('Name of participant 1')).toBeVisible();
      await page.screenshot({ path: `${SHOTS_DIR}/visits-narrow.png`, fullPage: true });
    } finally {
      await call(request, 'preferences.setLanguage', { language: 'fr' });
    }
  });
});
