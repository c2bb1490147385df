import { expect, openDesk, test, waitForList } from './desk';

test('filters, search, sort and scroll position come back after a reload', async ({ page }) => {
  await openDesk(page);
  await waitForList(page);
  await page.locator('.relais-state-counts button[data-state="en_instruction"]').click();
  await page.locator('.relais-state-counts button[data-state="en_construction"]').click();
  // DSFR draws its own box over the checkbox: a user clicks the label.
  await page.getByText('Volet 2', { exact: true }).click();
  await page.getByRole('columnheader', { name: 'Demandeur' }).getByRole('button').click();
  await waitForList(page);
  const grid = page.getByRole('grid');
  const total = Number(await grid.getAttribute('aria-rowcount')) - 1;
  expect(total).toBeGreaterThan(12);

  await grid.evaluate((element) => element.scrollTo({ top: 400 }));
  await expect.poll(() => grid.evaluate((element) => element.scrollTop)).toBe(400);
  const url = page.url();

  await page.reload();
  await waitForList(page);
  expect(page.url()).toBe(url);
  await expect(page.locator('.relais-state-counts button[data-state="en_instruction"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.relais-state-counts button[data-state="en_construction"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.relais-state-counts button[data-state="accepte"]')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByLabel('Volet 2')).toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Demandeur' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
  await expect.poll(() => grid.evaluate((element) => element.scrollTop)).toBe(400);

  // Going to a dossier and back keeps the same list too.
  // A row in view (the tenth), so clicking it does not scroll.
  await grid.locator('[role="row"][aria-rowindex="10"] [data-row-focus]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Dossier n° \d+$/);
  await page.goBack();
  await waitForList(page);
  await expect(page.getByLabel('Volet 2')).toBeChecked();
  await expect.poll(() => grid.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
});
