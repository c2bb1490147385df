/** The legal checks on the dossier page: each with its verdict, its sentence, its due date and its legal basis. */
import { formatCalendarDate } from '../../shared/i18n/phrases';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

test.describe('legal checks', () => {
  test('the synthesis shows both deadline checks with their due dates and legal bases', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { filters: { states: ['en_instruction'] }, limit: 20 });
    const details = await Promise.all(rows.map((row) => call(request, 'dossiers.get', { id: row.id })));
    // A dossier whose instruction delay runs, so that both deadline checks have a due date.
    const dossier = details.find((detail) => detail.checks.every((check) => check.id !== 'instruction_deadline' || check.due !== null))!;
    await openDesk(page, `/dossiers/${dossier.id}`);

    const section = page.getByRole('region', { name: 'Contrôles réglementaires' });
    await expect(section.getByRole('listitem')).toHaveCount(dossier.checks.length);
    for (const [id, name, basis] of [
      ['admissibility_deadline', 'Délai de recevabilité', 'décret n° 2018-514, art. 4'],
      ['instruction_deadline', 'Délai d’instruction', 'décret n° 2018-514, art. 7'],
    ] as const) {
      const check = dossier.checks.find((candidate) => candidate.id === id)!;
      const item = section.locator(`[data-check="${id}"]`);
      await expect(item).toContainText(name);
      await expect(item).toContainText({ ok: 'Conforme', warning: 'Attention', failed: 'Non conforme', to_check: 'À vérifier' }[check.status]);
      await expect(item.locator('.relais-check__due')).toContainText(formatCalendarDate(check.due!, 'fr'));
      await expect(item).toContainText(`Fondement : ${basis}`);
    }
    await expectNoAxeViolations(page);
    await screenshot(page, 'checks');
  });
});
