import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

// "Who I am" is kept in the shared case file: whatever a test ends with, the next one starts unset.
test.afterEach(async ({ request }) => {
  await call(request, 'echeances.setMe', { email: null });
});

test.describe('Mes échéances', () => {
  test('lists the deadlines of my dossiers, overdue first then the nearest, with their alerts', async ({ page, request }) => {
    const { instructors } = await call(request, 'bulk.instructors', {});
    // The instructor with the most running deadlines makes the fullest page. One at a time:
    // "me" is one setting of the case file, so concurrent calls would count for one another.
    const counts: { instructor: (typeof instructors)[number]; total: number }[] = [];
    for (const instructor of instructors) {
      await call(request, 'echeances.setMe', { email: instructor.email });
      counts.push({ instructor, total: (await call(request, 'echeances.list', {})).total });
    }
    const me = counts.sort((a, b) => b.total - a.total)[0].instructor;
    await call(request, 'echeances.setMe', { email: null });

    await openDesk(page);
    await page.getByRole('link', { name: 'Mes échéances' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mes échéances' })).toBeVisible();
    await page.getByLabel(/^Vous êtes/).selectOption(me.email);
    // The choice is saved by the page's own call: read the list once it has landed.
    await expect.poll(async () => (await call(request, 'echeances.list', {})).me).toEqual(me);
    const expected = await call(request, 'echeances.list', {});
    expect(expected.items.length).toBeGreaterThan(0);

    const table = page.getByRole('table', { name: 'Échéances de mes dossiers, la plus urgente en premier' });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(expected.items.length);
    await expect(rows.first().locator('td').nth(3)).toContainText(`Dossier n° ${expected.items[0].number}`);
    // Overdue ones first, then by days left.
    const daysLeft = expected.items.map((item) => item.daysLeft);
    expect(daysLeft).toEqual([...daysLeft].sort((a, b) => a - b));
    const urgencies = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-urgency')));
    const firstNotOverdue = urgencies.findIndex((urgency) => urgency !== 'overdue');
    expect(urgencies.slice(firstNotOverdue === -1 ? urgencies.length : firstNotOverdue)).not.toContain('overdue');
    for (const [index, item] of expected.items.entries()) {
      const expectedUrgency = item.daysLeft < 0 ? 'overdue' : item.alertDays === null ? 'running' : `alert${item.alertDays}`;
      expect(urgencies[index]).toBe(expectedUrgency);
    }
    await expect(page.locator('#echeances-count')).toContainText(`échéance`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'echeances');

    // Reload: the choice of who I am stays.
    await page.reload();
    await expect(page.getByLabel(/^Vous êtes/)).toHaveValue(me.email);
    await expect(rows.first()).toBeVisible();

    // A dossier link opens the dossier.
    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/dossiers/${expected.items[0].dossierId}`));
  });
});

test('Mes échéances and the bulk bar in English', async ({ page, request }) => {
  await call(request, 'preferences.setLanguage', { language: 'en' });
  try {
    await openDesk(page, '/echeances');
    await expect(page.getByRole('heading', { level: 1, name: 'My deadlines' })).toBeVisible();
    await expect(page.getByLabel(/^You are/)).toHaveValue('');
    await expectNoAxeViolations(page);
    await screenshot(page, 'echeances-en');

    await page.getByRole('link', { name: 'Dossiers' }).first().click();
    await expect(page.locator('#bulk-selection')).toHaveText('No dossier selected: tick dossiers (Space key on the keyboard) or select the whole list.');
    await page.getByRole('grid').locator('[data-row-focus]').first().focus();
    await page.keyboard.press('Space');
    await expect(page.locator('#bulk-selection')).toHaveText('1 dossier selected.');
    await expect(page.getByRole('columnheader', { name: 'Checks' })).toBeVisible();
    await page.getByLabel('Action', { exact: true }).selectOption('assign');
    await expect(page.getByLabel('Instructor', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'bulk-en');
  } finally {
    await call(request, 'preferences.setLanguage', { language: 'fr' });
  }
});
