import { call, expect, expectNoAxeViolations, gridRows, openDesk, screenshot, test, waitForList } from './desk';

/** A label no other spec uses, removed again by the undo at the end. */
const LABEL = 'Lot E2E relance';

test.describe('bulk actions on the list', () => {
  test('labels 100 dossiers ticked from the keyboard, then undoes it', async ({ page, request }) => {
    // The 100 dossiers from the 141st by number: away from the first and last ones other specs use.
    await openDesk(page, '/dossiers?tri=number&ordre=asc');
    await waitForList(page);
    const grid = page.getByRole('grid', { name: 'Dossiers' });
    const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'asc' }, offset: 140, limit: 100 });

    // Focus the 141st row through the grid, then Space ticks and ArrowDown moves, 100 times.
    await grid.evaluate((element) => element.scrollTo({ top: 140 * 64 }));
    await grid.locator('[role="row"][aria-rowindex="142"] [data-row-focus]').focus();
    for (let i = 0; i < 100; i += 1) {
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
    }
    await expect(page.locator('#bulk-selection')).toHaveText('100 dossiers sélectionnés.');
    // The last one ticked and the next, where the focus now is.
    await expect(grid.locator('[role="row"][aria-rowindex="241"]')).toHaveAttribute('aria-selected', 'true');
    await expect(grid.locator('[role="row"][aria-rowindex="242"]')).toHaveAttribute('aria-selected', 'false');

    await page.getByLabel('Action', { exact: true }).selectOption('addLabel');
    await page.getByRole('combobox', { name: /^Étiquette / }).fill(LABEL);
    await expectNoAxeViolations(page);
    await screenshot(page, 'bulk-selected');
    await page.getByRole('button', { name: 'Appliquer à la sélection' }).click();
    const summary = page.getByTestId('bulk-summary');
    await expect(summary).toContainText('« Ajouter une étiquette » : 100 dossiers modifiés.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'bulk-done');

    const labelled = await call(request, 'dossiers.list', { filters: { labels: [LABEL] }, sort: { column: 'number', direction: 'asc' }, limit: 200 });
    expect(labelled.rows.map((row) => row.number)).toEqual(rows.map((row) => row.number));
    const history = await call(request, 'dossiers.history', { id: rows[0].id });
    expect(history.entries[0]).toMatchObject({ what: 'dossier.addLabel' });

    // The same action again on the same rows: each one is reported as skipped, with its reason.
    await page.getByLabel('Étiquettes').getByText(LABEL).click();
    await waitForList(page);
    await expect(page.locator('#list-count')).toHaveText('100 dossiers');
    await page.getByRole('button', { name: 'Sélectionner les 100 dossiers de la liste' }).click();
    await expect(page.locator('#bulk-selection')).toHaveText('Les 100 dossiers correspondant aux filtres sont sélectionnés.');
    await page.getByLabel('Action', { exact: true }).selectOption('addLabel');
    await page.getByRole('combobox', { name: /^Étiquette / }).fill(LABEL);
    await page.getByRole('button', { name: 'Appliquer à la sélection' }).click();
    await expect(summary).toContainText('100 dossiers laissés tels quels : ils portent déjà cette étiquette');
    await expect(page.getByRole('button', { name: 'Annuler cette action' })).toHaveCount(0);

    // Back to the first batch: its undo removes the label from the 100 dossiers.
    await page.getByRole('button', { name: 'Sélectionner les 100 dossiers de la liste' }).click();
    await page.getByLabel('Action', { exact: true }).selectOption('removeLabel');
    await page.getByRole('combobox', { name: /^Étiquette / }).fill(LABEL);
    await page.getByRole('button', { name: 'Appliquer à la sélection' }).click();
    await expect(summary).toContainText('« Retirer une étiquette » : 100 dossiers modifiés.');
    await page.getByRole('button', { name: 'Annuler cette action' }).click();
    await expect(summary).toContainText('Action annulée : 100 dossiers rétablis.');
    // And the label goes for good, by the same bulk path.
    await page.getByRole('button', { name: 'Sélectionner les 100 dossiers de la liste' }).click();
    await page.getByLabel('Action', { exact: true }).selectOption('removeLabel');
    await page.getByRole('combobox', { name: /^Étiquette / }).fill(LABEL);
    await page.getByRole('button', { name: 'Appliquer à la sélection' }).click();
    await expect(summary).toContainText('100 dossiers modifiés.');
    expect((await call(request, 'dossiers.list', { filters: { labels: [LABEL] } })).total).toBe(0);
  });

  test('passes only dossiers en construction to instruction, says why others were skipped, and undoes it', async ({ page, request }) => {
    const pick = async (state: 'en_construction' | 'accepte', offset: number) =>
      (await call(request, 'dossiers.list', { filters: { states: [state] }, sort: { column: 'number', direction: 'asc' }, offset, limit: 1 })).rows[0];
    const building = await pick('en_construction', 30);
    const accepted = await pick('accepte', 30);
    const byNumber = { sort: { column: 'number', direction: 'asc' } } as const;
    const all = [...(await call(request, 'dossiers.list', { ...byNumber, limit: 200 })).rows, ...(await call(request, 'dossiers.list', { ...byNumber, offset: 200, limit: 200 })).rows];
    await openDesk(page, '/dossiers?tri=number&ordre=asc');
    await waitForList(page);
    const grid = page.getByRole('grid', { name: 'Dossiers' });
    for (const dossier of [building, accepted]) {
      const index = all.findIndex((row) => row.id === dossier.id);
      await grid.evaluate((element, top) => element.scrollTo({ top }), index * 64);
      await page.getByRole('checkbox', { name: `Sélectionner le dossier n° ${dossier.number}` }).check();
    }
    await expect(page.locator('#bulk-selection')).toHaveText('2 dossiers sélectionnés.');
    await page.getByLabel('Action', { exact: true }).selectOption('passToInstruction');
    await page.getByRole('button', { name: 'Appliquer à la sélection' }).click();
    const summary = page.getByTestId('bulk-summary');
    await expect(summary).toContainText('1 dossier modifié.');
    await expect(summary).toContainText(`1 dossier laissé tel quel : seul un dossier en construction passe en instruction (n° ${accepted.number})`);
    expect((await call(request, 'dossiers.get', { id: building.id })).state).toBe('en_instruction');
    await page.getByRole('button', { name: 'Annuler cette action' }).click();
    await expect(summary).toContainText('Action annulée : 1 dossier rétabli.');
    expect((await call(request, 'dossiers.get', { id: building.id })).state).toBe('en_construction');
    await expect(gridRows(page).first()).toBeVisible();
  });
});
