import type { APIRequestContext, Page } from '@playwright/test';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, SHOTS_DIR, test } from './desk';

/** Dossiers of this spec alone: the 21st and 22nd by number. */
async function ownDossier(request: APIRequestContext, offset: 20 | 21) {
  const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'asc' }, offset, limit: 1 });
  const dossier = await call(request, 'dossiers.get', { id: rows[0]!.id });
  await resetEvaluation(request, dossier.id);
  return dossier;
}

/** Puts every criterion back to check, without comment nor evidence, so a run starts from a blank grid. */
async function resetEvaluation(request: APIRequestContext, dossierId: string): Promise<void> {
  const { criteria } = await call(request, 'evaluation.get', { dossierId });
  for (const criterion of criteria) {
    if (criterion.draft) await call(request, 'drafts.discard', { dossierId, key: `evaluation:${criterion.criterionId}` });
    if (criterion.status === 'to_check' && criterion.comment === '' && criterion.evidence.length === 0) continue;
    await call(request, 'evaluation.setCriterion', {
      dossierId,
      criterionId: criterion.criterionId,
      expectedVersion: criterion.version,
      status: 'to_check',
      comment: '',
      evidence: [],
    });
  }
}

const card = (page: Page, criterionId: string) => page.locator(`[data-criterion="${criterionId}"]`);
const score = (page: Page) => page.getByRole('complementary', { name: 'Score' });

test.describe('evaluation grid', () => {
  test('fill the grid with the mouse and the keyboard, reload: every value and the score are kept', async ({ page, request }) => {
    const dossier = await ownDossier(request, 20);
    const piece = dossier.pieces.find((candidate) => (candidate.pageCount ?? 0) > 0)!;
    await openDesk(page, `/dossiers/${dossier.id}?onglet=evaluation`);
    await expect(page.getByRole('heading', { name: 'Évaluation du dossier' })).toBeVisible();
    await expect(score(page)).toContainText('0 / 100 points');
    await expect(score(page)).toContainText('Éligibilité à vérifier');

    // The applicant's NAF code proposes the first gate: the instructor accepts it.
    const applicant = card(page, 'eligible_applicant');
    await expect(applicant).toContainText('Proposition calculée : Satisfait');
    await applicant.getByRole('button', { name: /Retenir la proposition/ }).click();
    await expect(applicant.getByRole('radio', { name: 'Satisfait', exact: true })).toBeChecked();
    await expect(applicant).toContainText('Votre appréciation suit la proposition calculée.');

    // A scoring line with a comment and a page of a piece as evidence.
    const structuring = card(page, 'structuring_investment');
    await structuring.getByText('Satisfait', { exact: true }).click();
    await expect(score(page)).toContainText('25 / 100 points');
    await structuring.getByLabel('Commentaire').fill('Nouvelle ligne de presse : capacité doublée, 2 postes de travail.');
    await structuring.getByLabel('Commentaire').blur();
    await expect(structuring.getByRole('status')).toHaveText('Commentaire enregistré.');
    await structuring.getByLabel('Preuve à lier').selectOption({ label: piece.name });
    await structuring.getByLabel('Page (facultatif)').fill('1');
    await structuring.getByRole('button', { name: 'Lier la preuve' }).click();
    await expect(structuring.getByRole('link', { name: `${piece.name}, page 1` })).toBeVisible();

    // The keyboard alone: into the jobs line's radio group, then the arrows choose.
    const jobs = card(page, 'jobs');
    await jobs.getByRole('radio', { name: 'À vérifier' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(jobs.getByRole('radio', { name: 'Non satisfait' })).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(jobs.getByRole('radio', { name: 'Satisfait', exact: true })).toBeChecked();
    await expect(score(page)).toContainText('50 / 100 points');
    // Far down the grid, the score is still in view.
    await expect(score(page)).toBeInViewport();
    await page.screenshot({ path: `${SHOTS_DIR}/evaluation-scrolled.png` });

    // A gate not met: ineligible whatever the score.
    await card(page, 'tax_social_obligations').getByText('Non satisfait', { exact: true }).click();
    await expect(score(page)).toContainText('Inéligible');
    await expect(score(page)).toContainText(
      'Condition d’éligibilité non satisfaite : «\u00a0Obligations fiscales et sociales à jour\u00a0». Le dossier est inéligible, quel que soit son score.',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'evaluation-filled');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Évaluation du dossier' })).toBeVisible();
    await expect(card(page, 'eligible_applicant').getByRole('radio', { name: 'Satisfait', exact: true })).toBeChecked();
    await expect(card(page, 'tax_social_obligations').getByRole('radio', { name: 'Non satisfait' })).toBeChecked();
    await expect(card(page, 'jobs').getByRole('radio', { name: 'Satisfait', exact: true })).toBeChecked();
    await expect(structuring.getByLabel('Commentaire')).toHaveValue('Nouvelle ligne de presse : capacité doublée, 2 postes de travail.');
    await expect(structuring.getByRole('link', { name: `${piece.name}, page 1` })).toBeVisible();
    await expect(score(page)).toContainText('50 / 100 points');
    await expect(score(page)).toContainText('Inéligible');

    // Each change is in the dossier's history, with the criterion and the values before and after.
    await page.getByRole('tab', { name: 'Historique' }).click();
    const newest = page.getByRole('table', { name: 'Historique des modifications du dossier' }).locator('tbody tr').first();
    await expect(newest).toContainText('Critère d’évaluation modifié');
    await expect(newest).toContainText('« Obligations fiscales et sociales à jour », appréciation : À vérifier');
  });

  test('an annotated region linked as evidence opens its piece on that region', async ({ page, request }) => {
    const dossier = await ownDossier(request, 20);
    const piece = dossier.pieces.find((candidate) => (candidate.pageCount ?? 0) > 0)!;
    const region = await call(request, 'annotations.add', {
      dossierId: dossier.id,
      target: { kind: 'region', pieceId: piece.id, page: 1, rect: { x: 0.1, y: 0.1, width: 0.5, height: 0.2 } },
      text: 'Montant du devis cohérent avec le plan de financement',
    });
    await openDesk(page, `/dossiers/${dossier.id}?onglet=evaluation`);
    const chain = card(page, 'ecological_value_chain');
    await chain.getByLabel('Preuve à lier').selectOption({ label: 'Annotation : «\u00a0Montant du devis cohérent avec le plan de financement\u00a0»' });
    await expect(chain.getByLabel('Page (facultatif)')).toHaveCount(0);
    await chain.getByRole('button', { name: 'Lier la preuve' }).click();
    const link = chain.getByRole('link', { name: /Montant du devis cohérent/ });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`onglet=pieces&piece=${piece.id}&annotation=${region.id}`));
    await call(request, 'annotations.remove', { annotationId: region.id, expectedVersion: 1 });
  });

  test('a comment whose save never reached the case file (a crash) is restored from its draft, then saved', async ({ page, request }) => {
    const dossier = await ownDossier(request, 21);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=evaluation`);
    const water = card(page, 'environment_water');
    // The comment's own save fails as if the window crashed; only the draft reaches the case file.
    const setCriterion = '**/api/call/evaluation.setCriterion';
    await page.route(setCriterion, (route) => route.abort('connectionrefused'));
    await water.getByLabel('Commentaire').fill('Recyclage des eaux de process');
    await expect.poll(async () => (await call(request, 'evaluation.get', { dossierId: dossier.id })).criteria.find((c) => c.criterionId === 'environment_water')?.draft?.text).toBe(
      'Recyclage des eaux de process',
    );
    await page.reload();
    await page.unroute(setCriterion);
    await expect(water.getByLabel('Commentaire')).toHaveValue('Recyclage des eaux de process');
    await expect(water).toContainText('Un commentaire non enregistré a été retrouvé et restauré');
    await expect(water.getByRole('status')).toHaveText('Commentaire enregistré.');
    const saved = (await call(request, 'evaluation.get', { dossierId: dossier.id })).criteria.find((c) => c.criterionId === 'environment_water')!;
    expect(saved).toMatchObject({ comment: 'Recyclage des eaux de process', draft: null });
  });

  test('two windows: a save over a newer one is refused with its reason, and the text typed comes back after the reload', async ({ page, request }) => {
    const dossier = await ownDossier(request, 21);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=evaluation`);
    const biodiversity = card(page, 'environment_biodiversity');
    await expect(biodiversity.getByRole('radio', { name: 'À vérifier' })).toBeChecked();
    // Another window saves the same criterion first.
    await call(request, 'evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'environment_biodiversity', expectedVersion: 0, comment: 'Haie replantée' });

    await biodiversity.getByLabel('Commentaire').fill('Mare conservée au nord du site');
    await biodiversity.getByLabel('Commentaire').blur();
    const alert = biodiversity.getByRole('alert');
    await expect(alert).toContainText('Ce critère a été modifié entre-temps');
    await expect(biodiversity.getByLabel('Commentaire')).toHaveValue('Mare conservée au nord du site');
    await expectNoAxeViolations(page);
    await screenshot(page, 'evaluation-stale');

    await alert.getByRole('button', { name: 'Réessayer' }).click();
    await expect(biodiversity.getByLabel('Commentaire')).toHaveValue('Mare conservée au nord du site');
    await expect(biodiversity.getByRole('status')).toHaveText('Commentaire enregistré.');
    const { criteria } = await call(request, 'evaluation.get', { dossierId: dossier.id });
    expect(criteria.find((c) => c.criterionId === 'environment_biodiversity')).toMatchObject({ comment: 'Mare conservée au nord du site', version: 2 });
  });

  test('in English', async ({ page, request }) => {
    const dossier = await ownDossier(request, 21);
    await call(request, 'preferences.setLanguage', { language: 'en' });
    try {
      await openDesk(page, `/dossiers/${dossier.id}?onglet=evaluation`);
      await expect(page.getByRole('heading', { name: 'Evaluation of the dossier' })).toBeVisible();
      await expect(card(page, 'jobs').getByRole('heading', { name: 'Jobs created or kept' })).toBeVisible();
      await expect(score(page)).toContainText('0 / 100 points');
      await expect(score(page)).toContainText('Eligibility to check');
      await expectNoAxeViolations(page);
      await screenshot(page, 'evaluation-en');
      // On a narrow window the score comes first, above the grid.
      await page.setViewportSize({ width: 800, height: 900 });
      const scoreBox = await score(page).boundingBox();
      const gridBox = await page.getByRole('heading', { name: 'Eligibility conditions' }).boundingBox();
      expect(scoreBox!.x).toBe(gridBox!.x);
      expect(scoreBox!.y).toBeLessThan(gridBox!.y);
      await page.screenshot({ path: `${SHOTS_DIR}/evaluation-narrow.png` });
    } finally {
      await call(request, 'preferences.setLanguage', { language: 'fr' });
    }
  });

  test('in the dark colour scheme', async ({ page, request }) => {
    const dossier = await ownDossier(request, 20);
    await page.emulateMedia({ colorScheme: 'dark' });
    await openDesk(page, `/dossiers/${dossier.id}?onglet=evaluation`);
    await expect(card(page, 'eligible_applicant')).toContainText('Proposition calculée');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS_DIR}/evaluation-dark.png` });
  });
});
