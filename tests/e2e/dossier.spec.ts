import { call, expect, gridRows, openDesk, screenshot, test, waitForList } from './desk';

test.describe('dossier page', () => {
  test('opens from the list and shows the synthesis, the form and the pieces', async ({ page, request }) => {
    await openDesk(page);
    await waitForList(page);
    const firstRow = gridRows(page).first();
    const number = (await firstRow.getByRole('gridcell').first().textContent())!.match(/\d+/)![0];
    await firstRow.getByRole('gridcell').nth(2).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dossier n° ${number}`);
    await expect(page).toHaveTitle(`Dossier n° ${number} — Relais`);
    const id = /#\/dossiers\/([0-9a-f-]+)/.exec(page.url())![1];
    const dossier = await call(request, 'dossiers.get', { id });

    // Synthèse: the applicant, the territory, the amounts and the deadlines with their legal basis.
    const synthese = page.getByRole('tabpanel');
    await expect(synthese.getByText(dossier.demandeur.raisonSociale, { exact: true }).first()).toBeVisible();
    await expect(synthese.getByText(dossier.demandeur.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4'))).toBeVisible();
    await expect(synthese.getByText(dossier.projet.territoryName, { exact: true })).toBeVisible();
    for (const deadline of dossier.deadlines) {
      await expect(synthese.getByText(`Fondement : ${deadline.basis}`).first()).toBeVisible();
    }
    await screenshot(page, 'dossier-synthese');

    await page.getByRole('tab', { name: 'Formulaire' }).click();
    const sections = [...new Set(dossier.champs.map((champ) => champ.section))];
    await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 })).toHaveText(sections);
    await expect(page).toHaveURL(/onglet=formulaire/);
    await screenshot(page, 'dossier-formulaire');

    await page.getByRole('tab', { name: /^Pièces/ }).click();
    const table = page.getByRole('table', { name: 'Pièces jointes du dossier' });
    await expect(table.locator('tbody tr')).toHaveCount(dossier.pieces.length);
    await expect(table.getByText(dossier.pieces[0].sha256)).toBeVisible();

    // Back to the list through the breadcrumb.
    await page.locator('.fr-breadcrumb').getByRole('link', { name: 'Dossiers' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers');
  });

  test('follows a dossier, which the "suivis" filter then shows', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { filters: { followedOnly: false }, limit: 50 });
    const target = rows.find((row) => !row.followed)!;
    await openDesk(page, `/dossiers/${target.id}`);
    const toggle = page.getByRole('checkbox', { name: /Suivre ce dossier/ });
    await expect(toggle).not.toBeChecked();
    // DSFR draws the switch over its checkbox: a user clicks the label.
    await page.getByText('Suivre ce dossier', { exact: true }).click();
    await expect(toggle).toBeChecked();
    expect((await call(request, 'dossiers.get', { id: target.id })).followed).toBe(true);

    await openDesk(page, '/dossiers?suivis=1&q=' + encodeURIComponent(String(target.number)));
    await waitForList(page);
    await expect(gridRows(page).first().getByRole('gridcell').first()).toContainText(String(target.number));

    await call(request, 'dossiers.setFollowed', { id: target.id, followed: false });
  });

  test('says so when the dossier does not exist, and offers the list', async ({ page }) => {
    await openDesk(page, '/dossiers/0190a3c4-0000-7000-8000-000000000000');
    await expect(page.getByRole('alert')).toContainText('introuvable');
  });
});
