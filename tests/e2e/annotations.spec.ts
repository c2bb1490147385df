import type { APIRequestContext, Page } from '@playwright/test';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

/**
 * Dossiers of this spec's own: counted from the end of the list by number (other specs work
 * from the start), the `nth` one whose first readable PDF has several pages, or any dossier.
 */
async function ownDossier(request: APIRequestContext, nth: number, needsPdf: boolean) {
  const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'desc' }, offset: 20, limit: 200 });
  let seen = 0;
  for (const row of rows) {
    const dossier = await call(request, 'dossiers.get', { id: row.id });
    const piece = dossier.pieces.find((candidate) => candidate.textStatus === 'indexed' && (candidate.pageCount ?? 0) >= 2);
    if ((piece || !needsPdf) && dossier.champs.length >= 2 && seen++ === nth) return { dossier, piece: piece! };
  }
  throw new Error('the demo case file has too few dossiers with a readable PDF of several pages');
}

/** Removes what a test annotated, so that the shared case file stays as the other specs expect. */
async function removeAll(request: APIRequestContext, dossierId: string) {
  const { annotations } = await call(request, 'annotations.list', { dossierId });
  for (const annotation of annotations) await call(request, 'annotations.remove', { annotationId: annotation.id, expectedVersion: annotation.version });
  const { drafts } = await call(request, 'drafts.get', { dossierId, area: 'annotation' });
  for (const draft of drafts) await call(request, 'drafts.discard', { dossierId, key: draft.key });
}

async function openPiece(page: Page, dossierId: string, pieceId: string) {
  await openDesk(page, `/dossiers/${dossierId}?onglet=pieces&piece=${pieceId}`);
  await expect(page.locator('.relais-pdf')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('button', { name: /^Annoter la page \d+$/ })).toBeEnabled();
}

test.describe('annotations', () => {
  test('highlights a PDF region with the mouse and with the keyboard; it stays after a reload, is listed and jumps to its page', async ({
    page,
    request,
  }) => {
    const { dossier, piece } = await ownDossier(request, 1, true);
    await removeAll(request, dossier.id);
    try {
      await openPiece(page, dossier.id, piece.id);
      const panel = page.getByRole('complementary', { name: 'Zones surlignées' });
      await expect(panel).toContainText('Aucune zone surlignée sur cette pièce.');

      // With the mouse: a rectangle dragged on page 1.
      await panel.getByRole('button', { name: 'Surligner une zone à la souris' }).click();
      const surface = page.locator('.relais-region-page[data-page="1"]');
      const box = (await surface.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.1);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.2, { steps: 5 });
      await page.mouse.up();
      await panel.getByLabel('Commentaire de la zone (page 1)').fill('Montant du devis à rapprocher du plan de financement');
      await panel.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(panel.locator('.relais-annotation')).toHaveCount(1);

      const [drawn] = (await call(request, 'annotations.list', { dossierId: dossier.id })).annotations;
      expect(drawn.target).toMatchObject({ kind: 'region', pieceId: piece.id, page: 1 });
      if (drawn.target.kind !== 'region') throw new Error('expected a region');
      expect(drawn.target.rect.x).toBeCloseTo(0.2, 1);
      expect(drawn.target.rect.width).toBeCloseTo(0.4, 1);
      expect(drawn.target.rect.height).toBeCloseTo(0.1, 1);

      // With the keyboard: "annotate this page" on page 2, moved and resized with the arrows.
      const pageInput = page.locator('.relais-pdf').getByLabel('Page', { exact: true });
      await pageInput.fill('2');
      await pageInput.press('Enter');
      const annotatePage = panel.getByRole('button', { name: 'Annoter la page 2' });
      await annotatePage.focus();
      await page.keyboard.press('Enter');
      const pending = page.getByRole('button', { name: 'Nouvelle zone, page 2' });
      await expect(pending).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+ArrowDown');
      await panel.getByLabel('Commentaire de la zone (page 2)').fill('Signature du dirigeant absente');
      await page.keyboard.press('Control+Enter');
      await expect(panel.locator('.relais-annotation')).toHaveCount(2);
      const keyed = (await call(request, 'annotations.list', { dossierId: dossier.id })).annotations.find((a) => a.text.startsWith('Signature'))!;
      expect(keyed.target).toEqual({ kind: 'region', pieceId: piece.id, page: 2, rect: { x: 0.14, y: 0.12, width: 0.8, height: 0.17 } });

      // After a reload: drawn over the pages and listed in the panel, in page order.
      await page.reload();
      await expect(page.locator('.relais-pdf')).toHaveAttribute('data-state', 'ready');
      await expect(page.locator(`.relais-region[data-annotation-id="${drawn.id}"]`)).toBeVisible();
      await expect(panel.locator('.relais-annotation').nth(0)).toContainText('Montant du devis');
      await expect(panel.locator('.relais-annotation').nth(1)).toContainText('Signature du dirigeant absente');

      // Clicking an item jumps to its page and region.
      const overlay = page.locator(`.relais-region[data-annotation-id="${keyed.id}"]`);
      await page.locator('.relais-pdf__container').evaluate((container) => container.scrollTo(0, 0));
      await expect(overlay).not.toBeInViewport();
      await panel.getByRole('button', { name: 'Aller à la zone page 2' }).click();
      await expect(overlay).toBeInViewport();
      await expect(overlay).toHaveClass(/relais-region--selected/);
      await screenshot(page, 'annotations-pdf-regions');
      await expectNoAxeViolations(page);

      // The Annotations tab links each region to its piece, opened at the region.
      await page.getByRole('tab', { name: 'Annotations' }).click();
      await expect(page.getByRole('heading', { name: 'Zones surlignées des pièces' })).toBeVisible();
      await screenshot(page, 'annotations-tab');
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: `Voir la zone page 2 de « ${piece.name} »` }).click();
      await expect(page.locator('.relais-pdf')).toHaveAttribute('data-state', 'ready');
      await expect(overlay).toBeInViewport();

      // A comment typed on a new region survives a reload, and comes back with the next region placed.
      await panel.getByRole('button', { name: /^Annoter la page \d+$/ }).click();
      await panel.getByLabel(/^Commentaire de la zone/).pressSequentially('Tampon illisible');
      await expect(panel.getByTestId('draft-status')).toContainText('Brouillon enregistré à');
      await page.reload();
      await expect(panel.getByRole('status').first()).toHaveText(
        'Un commentaire de zone n’a pas été enregistré : placez une zone sur cette pièce pour le retrouver.',
      );
      await panel.getByRole('button', { name: /^Annoter la page \d+$/ }).click();
      await expect(panel.getByLabel(/^Commentaire de la zone/)).toHaveValue('Tampon illisible');
      await panel.getByRole('button', { name: 'Annuler' }).click();
      await expect(panel.getByRole('status').first()).toHaveText('');
    } finally {
      await removeAll(request, dossier.id);
    }
  });

  test('comments on a form field, edits the comment and shows its versions', async ({ page, request }) => {
    const { dossier } = await ownDossier(request, 3, false);
    await removeAll(request, dossier.id);
    const field = dossier.champs[1];
    try {
      await openDesk(page, `/dossiers/${dossier.id}?onglet=formulaire`);
      await page.getByRole('button', { name: `Commenter le champ « ${field.label} »` }).click();
      await page.getByLabel(`Commentaire sur « ${field.label} »`).fill('Chiffre à vérifier avec la DREETS');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const comment = page.locator('.relais-field-comments .relais-annotation');
      await expect(comment).toContainText('Chiffre à vérifier avec la DREETS');

      await page.reload();
      await expect(comment).toContainText('Chiffre à vérifier avec la DREETS');
      await comment.getByRole('button', { name: /^Modifier l’annotation de / }).click();
      await comment.getByLabel('Texte de l’annotation').fill('Chiffre vérifié : 12 emplois');
      await comment.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(comment.locator('p.relais-prewrap')).toHaveText('Chiffre vérifié : 12 emplois');
      await comment.getByText('Versions (2)').click();
      await expect(comment.locator('details li')).toHaveCount(2);
      await expect(comment.locator('details li').nth(1)).toContainText('Chiffre à vérifier avec la DREETS');
      await screenshot(page, 'annotations-field-comment');
      await expectNoAxeViolations(page);

      await page.getByRole('tab', { name: 'Annotations' }).click();
      await expect(page.getByRole('heading', { name: 'Commentaires sur le formulaire' })).toBeVisible();
      await expect(page.getByText(`Champ « ${field.label} »`)).toBeVisible();

      // Removed: out of the lists, its versions still readable apart.
      await page.locator('.relais-annotation').getByRole('button', { name: /^Supprimer l’annotation de / }).click();
      await expect(page.getByText('Aucune annotation sur ce dossier.')).toBeVisible();
      await page.getByText('1 annotation supprimée').click();
      const removed = page.locator('details .relais-annotation');
      await expect(removed).toContainText('Chiffre vérifié : 12 emplois');
      await expect(removed.getByRole('button', { name: /^Modifier/ })).toHaveCount(0);
      await removed.getByText('Versions (3)').click();
      await expect(removed.locator('details li').first()).toContainText('Suppression');
      await expectNoAxeViolations(page);
    } finally {
      await removeAll(request, dossier.id);
    }
  });

  test('keeps a note typed but not saved across a reload, then saves it; a save from a stale window keeps its text', async ({
    page,
    context,
    request,
  }) => {
    const { dossier } = await ownDossier(request, 5, false);
    await removeAll(request, dossier.id);
    try {
      await openDesk(page, `/dossiers/${dossier.id}?onglet=annotations`);
      await expect(page.getByText('Aucune annotation sur ce dossier.')).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Ajouter une note' }).click();
      await page.getByLabel('Nouvelle note').pressSequentially('Entretien prévu avec le dirigeant le 12');
      await expect(page.getByTestId('draft-status')).toContainText('Brouillon enregistré à');

      // A reload before saving, as a closed window or a crash would: the text comes back.
      await page.reload();
      await expect(page.getByLabel('Nouvelle note')).toHaveValue('Entretien prévu avec le dirigeant le 12');
      await expect(page.getByTestId('draft-status')).toHaveText('Brouillon restauré : ce texte n’avait pas encore été enregistré.');
      await screenshot(page, 'annotations-note-draft');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const note = page.locator('.relais-annotation');
      await expect(note).toContainText('Entretien prévu avec le dirigeant le 12');
      expect((await call(request, 'drafts.get', { dossierId: dossier.id, area: 'annotation' })).drafts).toEqual([]);

      await expectNoAxeViolations(page);

      // Found by the list's search, with the note's words as the snippet.
      await openDesk(page, `/dossiers?q=${encodeURIComponent('entretien prévu dirigeant')}`);
      await expect(page.locator('.relais-snippet').first()).toContainText('✎ Entretien prévu avec le dirigeant le 12');
      await openDesk(page, `/dossiers/${dossier.id}?onglet=annotations`);

      // Two windows edit the same note: the second save is refused and keeps its text.
      const other = await context.newPage();
      await openDesk(other, `/dossiers/${dossier.id}?onglet=annotations`);
      await note.getByRole('button', { name: /^Modifier l’annotation de / }).click();
      await other.locator('.relais-annotation').getByRole('button', { name: /^Modifier l’annotation de / }).click();
      await note.getByLabel('Texte de l’annotation').fill('Entretien avancé au 10');
      await note.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(note.locator('p.relais-prewrap')).toHaveText('Entretien avancé au 10');
      const otherEditor = other.locator('.relais-annotation').getByLabel('Texte de l’annotation');
      await otherEditor.fill('Entretien annulé');
      await other.locator('.relais-annotation').getByRole('button', { name: 'Enregistrer' }).click();
      await expect(other.getByRole('alert')).toContainText('Cette annotation a été modifiée entre-temps');
      await expect(otherEditor).toHaveValue('Entretien annulé');
      await screenshot(other, 'annotations-stale-save');
      // Read again: the text typed stays, and is saved over the newer version once looked at.
      await other.getByRole('alert').getByRole('button', { name: 'Réessayer' }).click();
      await expect(other.locator('.relais-annotation').getByText('Versions (2)')).toBeVisible();
      await expect(otherEditor).toHaveValue('Entretien annulé');
      await other.locator('.relais-annotation').getByRole('button', { name: 'Enregistrer' }).click();
      await expect(other.locator('.relais-annotation p.relais-prewrap')).toHaveText('Entretien annulé');
      await other.close();
    } finally {
      await removeAll(request, dossier.id);
    }
  });
});
