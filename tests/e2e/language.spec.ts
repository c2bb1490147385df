import { call, expect, openDesk, screenshot, test, waitForList } from './desk';

test.describe('interface language', () => {
  test.afterEach(async ({ request }) => {
    await call(request, 'preferences.setLanguage', { language: 'fr' });
  });

  test('switches to English from the header, and the choice survives a reload', async ({ page }) => {
    await openDesk(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('button', { name: /^Langue : FR/ }).first().click();
    await page.getByRole('button', { name: 'EN - English' }).first().click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers');
    await expect(page.getByRole('columnheader', { name: 'Amount requested' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(page.locator('#list-count')).toHaveText('300 dossiers');

    await page.reload();
    await waitForList(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('columnheader', { name: 'Deadline' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByRole('searchbox', { name: 'Search the dossiers' })).toBeVisible();
    await screenshot(page, 'list-english');
  });

  test('is chosen on the settings page too, which shows the case file', async ({ page, request }) => {
    const info = await call(request, 'app.info', {});
    await openDesk(page, '/parametres');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres');
    await expect(page.getByText(info.caseFilePath)).toBeVisible();
    await expect(page.getByText('Navigateur (serveur local)')).toBeVisible();
    await screenshot(page, 'settings');

    await page.getByText('English', { exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
    expect((await call(request, 'preferences.get', {})).language).toBe('en');
    await expect(page.getByText('Browser (local server)')).toBeVisible();
  });
});
