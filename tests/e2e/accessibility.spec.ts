/** Every screen of the desk passes axe (WCAG 2.1 A and AA), and is kept as a screenshot. */
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test, waitForList } from './desk';

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('dossiers list, with filters and a search', async ({ page, request }) => {
    await openDesk(page);
    await waitForList(page);
    await expectNoAxeViolations(page);

    const { rows } = await call(request, 'dossiers.list', { limit: 1 });
    const word = rows[0].projet.split(/\s+/).find((part) => part.length >= 6) ?? rows[0].projet;
    await openDesk(page, `/dossiers?q=${encodeURIComponent(word)}&etat=en_instruction&volet=1`);
    await waitForList(page);
    await expectNoAxeViolations(page);
  });

  test('language menu opened', async ({ page }) => {
    await openDesk(page);
    await page.getByRole('button', { name: /^Langue : FR/ }).first().click();
    await expect(page.getByRole('button', { name: 'EN - English' }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('dossier page: synthesis, form, pieces with the PDF viewer open', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { limit: 1 });
    await openDesk(page, `/dossiers/${rows[0].id}`);
    await expect(page.getByRole('heading', { name: 'Échéances' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('tab', { name: 'Formulaire' }).click();
    await expect(page).toHaveURL(/onglet=formulaire/);
    await expectNoAxeViolations(page);

    await page.getByRole('tab', { name: /^Pièces/ }).click();
    await page.getByRole('button', { name: /^Consulter la pièce/ }).first().click();
    await expect(page.locator('.relais-pdf')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('.relais-pdf .page canvas').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('settings, accessibility statement and an unknown address', async ({ page }) => {
    await openDesk(page, '/parametres');
    await expect(page.getByRole('heading', { name: 'Dossier de travail' })).toBeVisible();
    await expect(page.getByText('Emplacement')).toBeVisible();
    await expectNoAxeViolations(page);

    await openDesk(page, '/accessibilite');
    await expectNoAxeViolations(page);
    await screenshot(page, 'accessibility');

    await openDesk(page, '/nulle-part');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expectNoAxeViolations(page);
    await screenshot(page, 'not-found');
  });

  test('in English too', async ({ page, request }) => {
    await call(request, 'preferences.setLanguage', { language: 'en' });
    try {
      await openDesk(page);
      await waitForList(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expectNoAxeViolations(page);
    } finally {
      await call(request, 'preferences.setLanguage', { language: 'fr' });
    }
  });

  test('in the dark colour scheme', async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const { rows } = await call(request, 'dossiers.list', { limit: 1 });
    const word = rows[0].projet.split(/\s+/).find((part) => part.length >= 6) ?? rows[0].projet;
    await openDesk(page, `/dossiers?q=${encodeURIComponent(word)}`);
    await waitForList(page);
    await expect(page.locator('html')).toHaveAttribute('data-fr-theme', 'dark');
    await expect(page.locator('[role="grid"] mark').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'list-search-dark');

    await openDesk(page, `/dossiers/${rows[0].id}`);
    await expect(page.getByRole('heading', { name: 'Échéances' })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'dossier-synthese-dark');
  });
});
