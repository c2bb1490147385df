import { expect, openDesk, test, waitForList } from './desk';

test.describe('session and failures', () => {
  test('the token leaves the address on the first load and the tab keeps working after a reload', async ({ page }) => {
    await openDesk(page);
    await waitForList(page);
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('relais.token'))).toMatch(/^\S{20,}$/);
    await page.reload();
    await waitForList(page);
    await expect(page.locator('#list-count')).toHaveText('300 dossiers');
  });

  test('a host that stops answering is reported with what to do (calls refused in the browser)', async ({ page, expectedErrors }) => {
    expectedErrors.push(/ERR_CONNECTION_REFUSED/);
    await openDesk(page);
    await waitForList(page);
    await page.route('**/api/call/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: 'Paramètres' }).click();
    // Each section of the page that could not load says so, with its own « Réessayer ».
    const alerts = page.getByRole('alert');
    await expect(alerts.first()).toBeVisible();
    for (const alert of await alerts.all()) {
      await expect(alert).toContainText('Relais ne répond plus');
      await expect(alert).toContainText('Relancez Relais');
    }
    await page.unroute('**/api/call/**');
    const retry = page.getByRole('button', { name: 'Réessayer' });
    // A section whose retry succeeds drops its button: click whichever remain until none does.
    await expect(async () => {
      if ((await retry.count()) > 0) await retry.first().click({ timeout: 1_000 });
      expect(await retry.count()).toBe(0);
    }).toPass();
    await expect(page.getByText('Emplacement')).toBeVisible();
    await expect(page.getByRole('radio', { name: /^Instructeur/ })).toBeVisible();
    await expect(alerts).toHaveCount(0);
  });

  test('the header says when the network goes away and comes back', async ({ page, context }) => {
    await openDesk(page);
    const status = page.locator('.fr-header__tools-links .relais-network');
    await expect(status).toHaveText('En ligne');
    await context.setOffline(true);
    await expect(status).toHaveText('Hors ligne');
    await context.setOffline(false);
    await expect(status).toHaveText('En ligne');
  });
});
