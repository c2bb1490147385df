/**
 * Instruction facts on the Synthèse tab, in Chromium: a State aid regime chosen and the aid
 * intensity check changing with it, an amount refused with a sentence, and everything put back.
 * Works on dossiers no other spec uses (the 51st to 60th by number, newest first).
 */
import { formatCalendarDate } from '../../shared/i18n/phrases';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

test.describe('instruction facts', () => {
  test('a regime chosen beside the checks changes the aid intensity check', async ({ page, request }) => {
    const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'desc' }, offset: 50, limit: 1 });
    const dossierId = rows[0]!.id;
    await call(request, 'instruction.setRegime', { dossierId, regime: null });
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

  test('de minimis aid declared, and an extension of the instruction delay that moves its due date', async ({ page, request }) => {
    // A dossier of this spec's range whose instruction delay runs (an AR, not decided yet).
    const { rows } = await call(request, 'dossiers.list', { filters: { states: ['en_instruction'] }, sort: { column: 'number', direction: 'desc' }, offset: 0, limit: 200 });
    const candidates = await Promise.all(rows.map((row) => call(request, 'dossiers.get', { id: row.id })));
    const ranks = (await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'desc' }, offset: 51, limit: 9 })).rows.map((row) => row.id);
    const running = (candidate: (typeof candidates)[number]) =>
      ['ok', 'warning'].includes(candidate.checks.find((check) => check.id === 'instruction_deadline')!.status);
    const dossier = candidates.find((candidate) => ranks.includes(candidate.id) && candidate.dates.arDate !== null && running(candidate))!;
    expect(dossier, 'an en_instruction dossier with an AR among the 52nd to 60th').toBeDefined();
    const instruction = dossier.checks.find((check) => check.id === 'instruction_deadline')!;
    await openDesk(page, `/dossiers/${dossier.id}`);
    const checks = page.getByRole('region', { name: 'Contrôles réglementaires' });
    const facts = page.getByRole('region', { name: 'Éléments d’instruction' });

    await facts.getByText('De minimis (règlement (UE) 2023/2831)').click();
    await expect(checks.locator('[data-check="aid_intensity"]')).toContainText('ne sont pas déclarées');
    await facts.getByText('Déclaration des aides de minimis reçue').click();
    await facts.getByRole('button', { name: 'Ajouter une aide' }).click();
    await facts.getByLabel('Organisme').fill('Région');
    await facts.getByLabel('Montant (€)').fill('299 999');
    await facts.getByLabel('Date d’octroi').fill(dossier.today);
    await expect(checks.locator('[data-check="aid_intensity"]')).toContainText('Non conforme');
    await expect(checks.locator('[data-check="aid_intensity"]')).toContainText('au-delà du plafond');

    // A due date that is not later is said beside the field; a later one moves the deadline.
    const extensions = facts.getByRole('group', { name: 'Prorogations du délai d’instruction' });
    await extensions.getByLabel('Date de la décision').fill(dossier.today);
    await extensions.getByLabel('Nouvelle échéance').fill(instruction.due!);
    await expect(extensions).toContainText('Choisissez une date postérieure à l’échéance actuelle');
    const newDue = new Date(Date.parse(`${instruction.due!}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    await extensions.getByLabel('Nouvelle échéance').fill(newDue);
    await extensions.getByLabel('Motif').fill('Expertise technique du procédé demandée à l’ADEME.');
    // Typed but not recorded yet: still there after a reload.
    await page.reload();
    await expect(extensions.getByLabel('Motif')).toHaveValue('Expertise technique du procédé demandée à l’ADEME.');
    await expect(extensions.getByLabel('Nouvelle échéance')).toHaveValue(newDue);
    await extensions.getByRole('button', { name: 'Enregistrer la prorogation' }).click();
    await expect(extensions).toContainText('Motif : Expertise technique du procédé demandée à l’ADEME.');
    await expect(checks.locator('[data-check="instruction_deadline"]')).toContainText('Délai prorogé');
    await expect(checks.locator('[data-check="instruction_deadline"] .relais-check__due')).toContainText(formatCalendarDate(newDue, 'fr'));
    await expectNoAxeViolations(page);
    await screenshot(page, 'instruction-facts-extension');

    const { extensions: recorded } = await call(request, 'instruction.get', { dossierId: dossier.id });
    await call(request, 'instruction.removeExtension', { dossierId: dossier.id, extensionId: recorded[0]!.id });
    await call(request, 'instruction.setRegime', { dossierId: dossier.id, regime: null });
  });
});
