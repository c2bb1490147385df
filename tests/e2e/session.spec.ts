import { call, expect, openDesk, test, waitForList } from './desk';

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
    await expect(page.getByRole('alert')).toContainText('Relais ne répond plus');
    await expect(page.getByRole('alert')).toContainText('Relancez Relais');
    await page.unroute('**/api/call/**');
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.getByText('Emplacement')).toBeVisible();
  });

  test('a piece whose bytes are not a PDF is reported by the viewer (bytes replaced in the browser)', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { limit: 1 });
    const dossier = await call(request, 'dossiers.get', { id: rows[0].id });
    const piece = dossier.pieces[0];
    await page.route('**/api/call/pieces.content', (route) =>
      route.fulfill({
        json: { ok: true, result: { name: piece.name, mimeType: 'application/pdf', base64: Buffer.from('PK\u0003\u0004 not a PDF').toString('base64') } },
      }),
    );
    await openDesk(page, `/dossiers/${dossier.id}?onglet=pieces`);
    await page.getByRole('button', { name: `Consulter la pièce ${piece.name}` }).click();
    await expect(page.locator('.relais-pdf').getByRole('alert')).toContainText(`La pièce « ${piece.name} » est illisible ou endommagée`);
    await page.getByRole('tab', { name: 'Formulaire' }).click();
    await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 }).first()).toBeVisible();
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
