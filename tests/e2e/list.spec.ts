import { call, expect, expectNoAxeViolations, gridRows, openDesk, screenshot, test, waitForList } from './desk';

const TOTAL = 300;

function euros(text: string): number {
  return Number(text.replace(/[^\d,]/g, '').replace(',', '.'));
}

test.describe('dossiers list', () => {
  test('shows every dossier in an ARIA grid with its counts per state', async ({ page }) => {
    await openDesk(page);
    await waitForList(page);
    const grid = page.getByRole('grid', { name: 'Dossiers' });
    await expect(grid).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
    await expect(page.locator('#list-count')).toHaveText(`${TOTAL} dossiers`);
    await expect(grid.getByRole('columnheader')).toHaveText([
      'Numéro',
      'Demandeur',
      'Projet',
      'Territoire',
      'Montant demandé',
      'État',
      'Échéance',
      'Contrôles',
    ]);
    await expect(grid.getByRole('columnheader', { name: 'Échéance' })).toHaveAttribute('aria-sort', 'ascending');

    // The counts per state add up to the whole list.
    const tags = page.locator('.relais-state-counts button');
    await expect(tags).toHaveCount(5);
    const counts = (await tags.allTextContents()).map((text) => Number(/\((\d[\d\s\u202f]*)\)/.exec(text)![1].replace(/\D/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(TOTAL);
    await screenshot(page, 'list');
  });

  test('fetches further pages as the list scrolls, down to the last dossier', async ({ page }) => {
    await openDesk(page);
    await waitForList(page);
    const grid = page.getByRole('grid');
    await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const last = grid.locator(`[role="row"][aria-rowindex="${TOTAL + 1}"]`);
    await expect(last).toBeVisible();
    await expect(last.getByRole('gridcell').first()).toHaveText(/^\d+/);
  });

  test('sorts on a column by clicking its header, then the other way', async ({ page }) => {
    await openDesk(page);
    await waitForList(page);
    const header = page.getByRole('columnheader', { name: 'Montant demandé' });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await waitForList(page);
    const ascending = (await gridRows(page).locator('.relais-grid__cell--montant').allTextContents()).slice(0, 8).map(euros);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await waitForList(page);
    const descending = (await gridRows(page).locator('.relais-grid__cell--montant').allTextContents()).slice(0, 8).map(euros);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThanOrEqual(ascending[ascending.length - 1]);
    await expect(page).toHaveURL(/tri=montant&ordre=desc/);
  });

  test('filters by state, region and territory, and the counts follow', async ({ page, request }) => {
    await openDesk(page);
    await waitForList(page);
    await page.locator('.relais-state-counts button[data-state="en_instruction"]').click();
    await expect(page.locator('.relais-state-counts button[data-state="en_instruction"]')).toHaveAttribute('aria-pressed', 'true');
    await waitForList(page);
    const states = await gridRows(page).locator('.relais-grid__cell--etat').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) expect(state.toLowerCase()).toBe('en instruction');

    const facets = await call(request, 'dossiers.facets', {});
    const region = facets.regions[0];
    await page.getByLabel('Région', { exact: true }).selectOption(region.code);
    await waitForList(page);
    const expected = await call(request, 'dossiers.list', {
      filters: { states: ['en_instruction'], regionCodes: [region.code] },
      limit: 1,
    });
    await expect(page.locator('#list-count')).toHaveText(new RegExp(`^${expected.total} dossiers?$`));
    // Only the chosen region's territories are offered.
    const offered = await page.getByLabel('Territoire d’industrie').locator('option').count();
    expect(offered - 1).toBe(facets.territories.filter((territory) => territory.regionCode === region.code).length);

    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
    await waitForList(page);
    await expect(page.locator('#list-count')).toHaveText(`${TOTAL} dossiers`);
  });

  test('filters the dossiers whose deadline is passed', async ({ page, request }) => {
    await openDesk(page);
    await page.getByLabel('Échéance').selectOption('0');
    await waitForList(page);
    const expected = await call(request, 'dossiers.list', { filters: { dueWithinDays: 0 }, limit: 1 });
    await expect(page.locator('#list-count')).toHaveText(new RegExp(`^${expected.total} dossiers?$`));
    if (expected.total > 0) await expect(gridRows(page).first().locator('.relais-due--urgent')).toBeVisible();
  });

  test('searches the full text and highlights the matched terms', async ({ page, request }) => {
    const sample = await call(request, 'dossiers.list', { limit: 20 });
    // A word of a project title: it must be found, and shown highlighted.
    const word = sample.rows
      .flatMap((row) => row.projet.split(/[\s,.’'()«»:;-]+/))
      .filter((candidate) => candidate.length >= 7)
      .sort()[0];
    await openDesk(page);
    await waitForList(page);
    const box = page.getByRole('searchbox', { name: 'Rechercher dans les dossiers' });
    await box.fill(word);
    await expect(page.locator('#list-count')).toHaveText(new RegExp(`dossiers? pour « ${word} »`));
    await waitForList(page);
    const marks = gridRows(page).first().locator('mark');
    await expect(marks.first()).toBeVisible();
    const marked = (await marks.allTextContents()).map((text) => text.toLowerCase());
    expect(marked.some((text) => word.toLowerCase().startsWith(text) || text.startsWith(word.toLowerCase()))).toBe(true);
    await screenshot(page, 'list-search');
  });

  test('filters on the legal checks, and each row shows its checks as badges', async ({ page, request }) => {
    await openDesk(page);
    await waitForList(page);
    await page.getByLabel('Contrôles réglementaires').selectOption('failed');
    await waitForList(page);
    const anyFailed = await call(request, 'dossiers.list', { filters: { checkStatus: 'failed' }, limit: 1 });
    await expect(page).toHaveURL(/controle=failed/);
    await expect(page.locator('#list-count')).toHaveText(`${anyFailed.total} dossiers`);
    for (const cell of await gridRows(page).locator('.relais-grid__cell--controles').all()) await expect(cell).toContainText('non conforme');

    await page.getByLabel('Contrôle concerné').selectOption('required_pieces');
    await waitForList(page);
    const piecesFailed = await call(request, 'dossiers.list', { filters: { checkStatus: 'failed', checkId: 'required_pieces' }, limit: 50 });
    await expect(page.locator('#list-count')).toHaveText(new RegExp(`^${piecesFailed.total} dossiers?$`));
    const badge = gridRows(page).first().locator('.relais-grid__cell--controles .fr-badge--error');
    await expect(badge).toHaveAttribute('title', /Pièces obligatoires/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'list-check-filter');

    // A deadline warning: the same on the list as on each dossier's page.
    await page.getByLabel('Contrôles réglementaires').selectOption('warning');
    await page.getByLabel('Contrôle concerné').selectOption('instruction_deadline');
    await waitForList(page);
    const warned = await call(request, 'dossiers.list', { filters: { checkStatus: 'warning', checkId: 'instruction_deadline' }, limit: 5 });
    await expect(page.locator('#list-count')).toHaveText(new RegExp(`^${warned.total} dossiers?$`));
    for (const row of warned.rows) {
      const detail = await call(request, 'dossiers.get', { id: row.id });
      expect(detail.checks.find((check) => check.id === 'instruction_deadline')?.status).toBe('warning');
    }
  });
});
