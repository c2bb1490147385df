import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

test.describe('dossier history', () => {
  test('following a dossier appears at the top of its Historique tab, in Paris time', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { limit: 50 });
    const target = rows.find((row) => !row.followed)!;
    await openDesk(page, `/dossiers/${target.id}`);
    // DSFR draws the switch over its checkbox: a user clicks the label.
    await page.getByText('Suivre ce dossier', { exact: true }).click();
    await expect(page.getByRole('checkbox', { name: /Suivre ce dossier/ })).toBeChecked();

    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page).toHaveURL(/onglet=historique/);
    const table = page.getByRole('table', { name: 'Historique des modifications du dossier' });
    const newest = table.locator('tbody tr').first();
    await expect(newest).toContainText('A suivi le dossier');
    await expect(newest.locator('td').nth(3)).toHaveText('Non suivi → devient Suivi');

    const [entry] = (await call(request, 'dossiers.history', { id: target.id })).entries;
    const paris = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
    await expect(newest.locator('td').first()).toHaveText(paris.format(new Date(entry.when)));
    await expect(newest.locator('td').nth(1)).toHaveText(entry.who);
    await expect(table.locator('tbody tr').last()).toContainText('Dossier importé');
    await expect(page.getByText('Le journal a été altéré')).toHaveCount(0);

    await expectNoAxeViolations(page);
    await screenshot(page, 'history');
    await call(request, 'dossiers.setFollowed', { id: target.id, followed: false });
  });
});
