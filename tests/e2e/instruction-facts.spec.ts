/**
 * Instruction facts on the Synthèse tab, in Chromium: a State aid regime chosen and the aid
 * intensity check changing with it, an amount refused with a sentence, and everything put back.
 * Works on a dossier no other spec uses (the 51st by number, newest first).
 */
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

test.describe('instruction facts', () => {
  test('a regime chosen beside the checks changes the aid intensity check', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'desc' }, offset: 50, limit: 1 });
    const dossierId = rows[0]!.id;
    await openDesk(page, `/dossiers/${dossierId}`);
    const checks = page.getByRole('region', { name: 'Contrôles réglementaires' });
    const intensity = checks.locator('[data-check="aid_intensity"]');
    await expect(intensity).toContainText('À vérifier');
    await expect(intensity).toContainText('Régime d’aide d’État à choisir');

    const facts = page.getByRole('region', { name: 'Éléments d’instruction' });
    await expect(facts.getByRole('group', { name: 'Régime d’aide d’État' })).toBeVisible();
    await facts.getByText('Aide à finalité régionale (décret n° 2022-968)').click();
    await facts.getByLabel('Zone du site sur la carte 2022-2027').selectOption('non_zoned');
    await expect(intensity).toContainText('Non conforme');
    await expect(intensity).toContainText('n’est pas dans une zone a ou c');

    await facts.getByLabel('Zone du site sur la carte 2022-2027').selectOption('c');
    await expect(intensity).toContainText('Aide à finalité régionale (zone c)');
    await expect(intensity).not.toContainText('À vérifier');

    // An amount that is not one is said beside the field and not saved.
    await facts.getByText('Une avance est demandée').click();
    await facts.getByLabel('Montant de l’avance (€)').fill('douze mille');
    await expect(facts).toContainText('Saisissez un montant en euros');
    await expect(facts.getByRole('status').first()).toContainText('Non enregistré');
    await facts.getByLabel('Montant de l’avance (€)').fill('1 000');
    await expect(checks.locator('[data-check="advance_ceiling"]')).toContainText(/Avance de 1\s000/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'instruction-facts');

    await page.reload();
    await expect(page.getByLabel('Zone du site sur la carte 2022-2027')).toHaveValue('c');
    await expect(page.getByLabel('Montant de l’avance (€)')).toHaveValue('1000');

    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page.getByText('Régime d’aide d’État modifié').first()).toBeVisible();

    // Put back as found, so that the checks other specs read are unchanged.
    await call(request, 'instruction.setRegime', { dossierId, regime: null });
    await call(request, 'instruction.setAdvance', { dossierId, advance: null });
  });
});
