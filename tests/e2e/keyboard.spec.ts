import type { Page } from '@playwright/test';
import { expect, openDesk, screenshot, test, waitForList } from './desk';

/** Presses Tab until the focused element matches the selector, as a keyboard user would. */
async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector)) return;
  }
  throw new Error(`focus never reached ${selector}`);
}

test.describe('keyboard only', () => {
  test('skip link, search, grid navigation and opening a dossier, all without a mouse', async ({ page }) => {
    await openDesk(page);
    await waitForList(page);

    // The first Tab reaches the skip links; "Contenu" moves the focus into the main area.
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('Contenu');
    await page.keyboard.press('Enter');
    await expect(page.locator(':focus')).toHaveId('contenu');

    await tabTo(page, 'input[type="search"]');
    await page.keyboard.type('SAS');
    await waitForList(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await expect(page.locator('#list-count')).toHaveText('300 dossiers');
    await waitForList(page);

    // Into the grid: its active row is the one tab stop.
    await tabTo(page, '[data-row-focus]');
    const activeRow = () => page.locator(':focus').locator('xpath=..');
    await expect(activeRow()).toHaveAttribute('aria-rowindex', '2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(activeRow()).toHaveAttribute('aria-rowindex', '4');
    await page.keyboard.press('End');
    await expect(activeRow()).toHaveAttribute('aria-rowindex', '301');
    await page.keyboard.press('Home');
    await expect(activeRow()).toHaveAttribute('aria-rowindex', '2');
    await page.keyboard.press('ArrowDown');
    await screenshot(page, 'list-keyboard-focus');
    const number = (await page.locator(':focus').textContent())!.match(/\d+/)![0];
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dossier n° ${number}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

    // Tabs with the arrows, then the pieces table.
    await tabTo(page, '[role="tab"][aria-selected="true"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: /^Pièces/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tab', { name: /^Pièces/ })).toHaveAttribute('aria-selected', 'true');
    await tabTo(page, 'button[aria-label^="Consulter la pièce"]');
    await page.keyboard.press('Enter');
    await expect(page.locator('.relais-pdf')).toHaveAttribute('data-state', /ready|error/);
  });

  test('sorts from a column header with Enter and Space', async ({ page }) => {
    await openDesk(page);
    await waitForList(page);
    const header = page.getByRole('columnheader', { name: 'Numéro' });
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await page.keyboard.press('Space');
    await expect(header).toHaveAttribute('aria-sort', 'descending');
  });
});
