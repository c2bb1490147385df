/**
 * Messages to the applicant in Chromium: a missing-pieces draft written from its template, kept
 * after a reload, then sent and shown "not sent yet" until the hub confirms it. Works on dossiers
 * no other spec uses (from the 41st by number, newest first).
 */
import type { APIRequestContext } from '@playwright/test';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';

/** A dossier of this spec's own range that lacks a required piece, so the template has something to list. */
async function dossierMissingPieces(request: APIRequestContext) {
  const { rows } = await call(request, 'dossiers.list', { sort: { column: 'number', direction: 'desc' }, offset: 40, limit: 10 });
  for (const row of rows) {
    const detail = await call(request, 'dossiers.get', { id: row.id });
    if (detail.checks.find((check) => check.id === 'required_pieces')?.status === 'failed') return detail;
  }
  throw new Error('no dossier with a missing piece among the 41st to 50th');
}

test.describe('messages to the applicant', () => {
  test('a missing-pieces draft survives a reload, then is sent and shown as not sent yet', async ({ page, request }) => {
    const dossier = await dossierMissingPieces(request);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=messages`);
    await expect(page.getByRole('heading', { name: 'Messages au demandeur' })).toBeVisible();
    await expectNoAxeViolations(page);

    // DSFR draws the radio over its input: a user clicks the label.
    await page.getByText('Demande de pièces manquantes', { exact: true }).click();
    await page.getByRole('button', { name: 'Rédiger le brouillon' }).click();
    const editor = page.getByRole('region', { name: 'Brouillon' });
    const body = editor.getByLabel('Texte du message');
    await expect(body).toHaveValue(/\{\{pieces_manquantes\}\}/);
    const preview = editor.getByRole('region', { name: 'Aperçu, tel que le demandeur le lira' });
    await expect(preview).toContainText(dossier.demandeur.raisonSociale);
    await expect(preview).toContainText(`Dossier n° ${dossier.number} : pièces manquantes`);
    await expect(preview).not.toContainText('{{');

    await body.press('ControlOrMeta+End');
    await body.pressSequentially('\nPS : merci de joindre aussi le RIB.');
    await editor.getByLabel('Délai de réponse (jours)').fill('21');
    await expect(editor.getByRole('status')).toContainText('Brouillon enregistré');
    await expectNoAxeViolations(page);
    await screenshot(page, 'messages-draft');

    await page.reload();
    const reloaded = page.getByRole('region', { name: 'Brouillon' });
    await expect(reloaded.getByLabel('Texte du message')).toHaveValue(/PS : merci de joindre aussi le RIB\.$/);
    await expect(reloaded.getByLabel('Délai de réponse (jours)')).toHaveValue('21');

    // A typo in a variable keeps the message from leaving.
    await reloaded.getByLabel('Objet').fill('Dossier {{numero}}');
    await expect(reloaded).toContainText('Variable inconnue : {{numero}}');
    await expect(reloaded.getByRole('button', { name: 'Envoyer au demandeur' })).toBeDisabled();
    await reloaded.getByLabel('Objet').fill('Dossier n° {{numero_dossier}} : pièces manquantes');

    await reloaded.getByRole('button', { name: 'Envoyer au demandeur' }).click();
    await page.getByRole('button', { name: 'Confirmer l’envoi' }).click();
    await expect(page.getByRole('region', { name: 'Brouillon' })).toHaveCount(0);
    const sent = page.getByRole('region', { name: 'Messages du dossier' }).getByRole('listitem').first();
    await expect(sent).toContainText('Pas encore envoyé');
    await expect(sent).toContainText(`Dossier n° ${dossier.number} : pièces manquantes`);
    await expect(sent).toContainText('Réponse attendue au plus tard le');
    await sent.getByText('Texte du message').click();
    await expect(sent).toContainText('PS : merci de joindre aussi le RIB.');
    await expect(sent).not.toContainText('{{');
    await expectNoAxeViolations(page);
    await screenshot(page, 'messages-sent');

    const { messages } = await call(request, 'messages.list', { dossierId: dossier.id });
    expect(messages[0]).toMatchObject({ status: 'not_sent', answerDays: 21 });

    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page.getByText('Message mis en file d’envoi au demandeur')).toBeVisible();
  });
});
