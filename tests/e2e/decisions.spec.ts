/**
 * Decisions in Chromium: an instructor drafts an arrêté attributif, is stopped by an amount above
 * the ceiling, fixes it, reads the exact PDF and proposes it; the signataire sends it back with a
 * comment, which the instructor reads before proposing again; the signataire signs a batch with
 * a PKCS#12 file (a wrong password first: nothing signed) and one decision with the SoftHSM2 token
 * the served host was given (tests/e2e/global-setup.ts); a refusal without reasons is refused;
 * two windows on one draft settle their edits, and a reload loses nothing typed.
 * Works on en_instruction dossiers taken from the highest numbers down, which no other spec uses,
 * and leaves the desk's role as it found it.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { DeskRole } from '../../shared/channels/decisions';
import type { ResultOf } from '../../shared/contract';
import { createTestPki, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';
import { SOFTHSM_MODULE, TEST_PIN } from '../fixtures/softhsm';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';
import { E2E_TOKEN_LABEL } from './global-setup';

type DossierView = ResultOf<'dossiers.get'>;

/** The de minimis ceiling over three rolling years, in cents (règlement (UE) 2023/2831). */
const DE_MINIMIS_CEILING_CENTS = 300_000_00;

/** The n-th en_instruction dossier from the highest number down. */
async function dossierAt(request: APIRequestContext, index: number): Promise<DossierView> {
  const { rows } = await call(request, 'dossiers.list', {
    filters: { states: ['en_instruction'] },
    sort: { column: 'number', direction: 'desc' },
    offset: index,
    limit: 1,
  });
  return call(request, 'dossiers.get', { id: rows[0]!.id });
}

/**
 * A dossier under de minimis with no prior aid (a known ceiling of 300 000 €), and an
 * attribution that passes every rule: 10 % of its eligible base, within its request.
 */
async function attributionDossier(request: APIRequestContext, from: number): Promise<{ dossier: DossierView; amountCents: number }> {
  for (let index = from; index < from + 40; index += 1) {
    const dossier = await dossierAt(request, index);
    const { eligibleBaseCents, amountRequestedCents, financingPlan } = dossier.finance;
    const amountCents = Math.floor(eligibleBaseCents / 10);
    const otherPublicCents = financingPlan.filter((source) => source.kind === 'aide_publique').reduce((sum, source) => sum + source.amountCents, 0);
    const fits = amountCents > 0 && amountCents <= amountRequestedCents && amountCents < DE_MINIMIS_CEILING_CENTS && otherPublicCents + amountCents <= eligibleBaseCents;
    if (!fits || (await call(request, 'decisions.list', { dossierId: dossier.id })).length > 0) continue;
    await call(request, 'instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'de_minimis', priorAids: [] } });
    return { dossier, amountCents };
  }
  throw new Error('no en_instruction dossier of the demo fits an attribution of 10 % of its base');
}

async function setRole(request: APIRequestContext, role: DeskRole) {
  await call(request, 'decisions.setRole', { role });
}

/** A proposed attribution made through the contract, for the tests of the signataire's desk. */
async function proposedAttribution(request: APIRequestContext, from: number) {
  const { dossier, amountCents } = await attributionDossier(request, from);
  const draft = await call(request, 'decisions.create', { dossierId: dossier.id, type: 'attribution' });
  if (draft.content.type !== 'attribution') throw new Error('not an attribution');
  const content = { ...draft.content, rateBasisPoints: 1_000, eligibleExpenditureCents: dossier.finance.eligibleBaseCents, amountCents, payment: { ...draft.content.payment, advanceCents: 0 } };
  const saved = await call(request, 'decisions.save', { id: draft.id, expectedVersion: draft.version, content });
  const proposed = await call(request, 'decisions.propose', { id: saved.id, expectedVersion: saved.version });
  return { dossier, decision: proposed };
}

async function waitUntilSaved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^\s*Enregistré le/ })).toBeVisible();
}

/** The queue's row of a dossier's decision. */
function queueRow(page: Page, dossierNumber: number): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: `Dossier n° ${dossierNumber}`, exact: true }) });
}

let pki: TestPki;
let roleBefore: DeskRole;

test.beforeAll(async ({ request }) => {
  pki = await createTestPki();
  roleBefore = (await call(request, 'decisions.role', {})).role;
});
test.afterAll(() => pki.cleanup());
test.afterEach(async ({ request }) => {
  await setRole(request, roleBefore);
  await call(request, 'preferences.setLanguage', { language: 'fr' });
});

test.describe('decisions', () => {
  test('an attribution is drafted, blocked above the ceiling, fixed, previewed, proposed, sent back and proposed again', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const { dossier, amountCents } = await attributionDossier(request, 0);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=decision`);
    await expect(page.getByRole('heading', { name: 'Décisions du dossier' })).toBeVisible();
    await expect(page.getByText('Aucune décision n’a encore été rédigée pour ce dossier.')).toBeVisible();

    await page.getByLabel('Nouvelle décision').selectOption('attribution');
    await page.getByRole('button', { name: 'Rédiger' }).press('Enter');
    const editor = page.getByRole('region', { name: 'Arrêté attributif de subvention : brouillon' });
    await expect(editor).toBeVisible();
    await expect(page.getByRole('table', { name: 'Décisions du dossier' })).toContainText('Brouillon');
    // Prefilled from the dossier: the signatory and the authority are there to be checked.
    await expect(editor.getByLabel('Numéro de référence')).not.toHaveValue('');

    // An amount above the de minimis ceiling is saved as a draft, but cannot be proposed.
    await editor.getByLabel('Dépense éligible (€)').fill(String(dossier.finance.eligibleBaseCents / 100));
    await editor.getByLabel('Taux (%)').fill('10');
    await editor.getByLabel('Montant maximal (€)').fill('400000');
    await expect(editor).toContainText('Le montant saisi (400 000 €) diffère de ce calcul.');
    await waitUntilSaved(page);
    await editor.getByRole('button', { name: 'Proposer à la signature' }).press('Enter');
    const problems = editor.locator('.relais-decision-problems');
    await expect(problems).toBeFocused();
    await expect(problems.getByRole('alert')).toContainText('La décision ne peut pas être proposée');
    await expect(problems).toContainText('De minimis');
    await expect(problems).toContainText('au-delà du plafond de 300 000 €');
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-problems');

    // The computation is offered as the amount; the preview shows the saved act.
    const computed = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: amountCents % 100 === 0 ? 0 : 2 }).format(amountCents / 100);
    await editor.getByRole('button', { name: `Retenir ${computed}` }).press('Enter');
    await waitUntilSaved(page);
    await editor.getByRole('button', { name: 'Aperçu' }).press('Enter');
    const pages = editor.getByRole('region', { name: /^Pages de la pièce attribution-/ });
    await expect(pages.locator('canvas').first()).toBeVisible();
    await expect(pages.locator('.textLayer').first()).toContainText('ARRÊTE', { timeout: 20_000 });
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-editor-preview');

    await editor.getByRole('button', { name: 'Proposer à la signature' }).press('Enter');
    const proposed = page.getByRole('region', { name: 'Arrêté attributif de subvention : proposée à la signature' });
    await expect(proposed.getByRole('heading')).toBeFocused();
    await expect(proposed).toContainText('en attente de la signature');
    await expect(page.getByRole('table', { name: 'Décisions du dossier' })).toContainText('Proposée');

    // The signataire reads it in the queue and sends it back: a comment is required.
    await setRole(request, 'signataire');
    await page.getByRole('link', { name: 'À signer' }).first().press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Décisions à signer' })).toBeVisible();
    const row = queueRow(page, dossier.number);
    await row.getByRole('button', { name: /^Relire/ }).press('Enter');
    const review = page.getByRole('region', { name: /^Relecture : Arrêté attributif de subvention/ });
    await expect(review.getByRole('heading')).toBeFocused();
    await expect(review.locator('canvas').first()).toBeVisible();
    await review.getByRole('button', { name: 'Renvoyer à l’instructeur' }).press('Enter');
    await expect(review).toContainText('Écrivez un commentaire pour dire à l’instructeur ce qui doit être revu.');
    await review.getByLabel('Commentaire pour l’instructeur').fill('Précisez le calendrier de versement des acomptes.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-review');
    await review.getByRole('button', { name: 'Renvoyer à l’instructeur' }).press('Enter');
    await expect(row).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Proposition renvoyée à l’instructeur' })).toBeFocused();

    // Back as the instructor: the comment is on the draft, which is proposed again.
    await setRole(request, 'instructeur');
    await openDesk(page, `/dossiers/${dossier.id}?onglet=decision`);
    const draft = page.getByRole('region', { name: 'Arrêté attributif de subvention : brouillon' });
    await expect(draft).toContainText('Proposition renvoyée par');
    await expect(draft).toContainText('Précisez le calendrier de versement des acomptes.');
    await screenshot(page, 'decisions-sent-back');
    await draft.getByLabel('Acomptes').fill('Acomptes sur justificatifs, jusqu’à 80 % du montant.');
    await waitUntilSaved(page);
    await draft.getByRole('button', { name: 'Proposer à la signature' }).press('Enter');
    await expect(page.getByRole('heading', { name: 'Arrêté attributif de subvention : proposée à la signature' })).toBeFocused();
  });

  test('a batch is signed with a PKCS#12 file and one password entry, after a wrong password signed nothing', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const first = await proposedAttribution(request, 5);
    const second = await proposedAttribution(request, 10);
    await setRole(request, 'signataire');
    await openDesk(page, '/a-signer');
    const rows = [queueRow(page, first.dossier.number), queueRow(page, second.dossier.number)];
    for (const row of rows) {
      await expect(row).toBeVisible();
      await row.getByRole('checkbox').focus();
      await page.keyboard.press('Space');
      await expect(row.getByRole('checkbox')).toBeChecked();
    }
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-queue');
    await page.getByRole('button', { name: 'Signer les 2 décisions sélectionnées' }).press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Signer 2 décisions' });
    await expect(dialog.getByRole('radio', { name: /^Fichier de certificat/ })).toBeFocused();
    await dialog.getByRole('button', { name: /^Fichier de certificat Format/ }).setInputFiles(pki.rsa.p12Path);
    const password = dialog.getByLabel('Mot de passe du certificat');
    await password.fill('pas-le-bon');
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-sign-dialog');
    await password.press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('Le mot de passe du fichier de certificat est incorrect : rien n’a été signé.');
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();
    expect((await call(request, 'decisions.list', { dossierId: first.dossier.id }))[0]!.state).toBe('proposee');

    await password.fill(TEST_P12_PASSWORD);
    await password.press('Enter');
    await expect(dialog.locator('progress')).toBeVisible();
    await expect(dialog).toContainText('2 décisions signées.', { timeout: 30_000 });
    await expect(dialog.locator('progress')).toHaveAttribute('value', '2');
    await screenshot(page, 'decisions-sign-summary');
    await dialog.getByRole('button', { name: 'Terminer' }).press('Enter');
    await expect(dialog).toBeHidden();
    for (const row of rows) await expect(row).toHaveCount(0);
    // Nothing of the secret stays in the page's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain(TEST_P12_PASSWORD);

    // The signed act: its signature, its PDF, the download.
    await openDesk(page, `/dossiers/${first.dossier.id}?onglet=decision`);
    const signed = page.getByRole('region', { name: 'Arrêté attributif de subvention : signée' });
    await expect(signed).toBeVisible();
    const signatory = first.decision.content.signatory;
    await expect(signed.getByRole('list', { name: 'Signatures de l’acte' })).toContainText(`Signé par ${signatory.firstName} ${signatory.lastName}, ${signatory.title}`);
    await expect(signed.locator('canvas').first()).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), signed.getByRole('button', { name: 'Télécharger le PDF signé' }).click()]);
    expect(download.suggestedFilename()).toBe(`attribution-${first.dossier.number}-signee.pdf`);
    // The verification panel checks the signature of the stored PDF.
    const verification = signed.getByRole('region', { name: 'Vérification des signatures' });
    await verification.getByRole('button', { name: 'Vérifier les signatures' }).press('Enter');
    await expect(verification.getByRole('status')).toContainText('intacte', { timeout: 20_000 });
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-signed');
  });

  test('a batch that signs one decision and not the other says which and why', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const { dossier, decision: attribution } = await proposedAttribution(request, 35);
    // A refusal proposed on the same dossier: once the attribution is signed, the dossier is decided.
    const refusal = await call(request, 'decisions.create', { dossierId: dossier.id, type: 'refus' });
    if (refusal.content.type !== 'refus') throw new Error('not a refusal');
    const reasons = { ...refusal.content, reasonsOfLaw: 'Décret n° 2018-514, art. 5.', reasonsOfFact: 'Les travaux ont commencé avant la demande.' };
    const saved = await call(request, 'decisions.save', { id: refusal.id, expectedVersion: refusal.version, content: reasons });
    await call(request, 'decisions.propose', { id: saved.id, expectedVersion: saved.version });
    await setRole(request, 'signataire');

    await openDesk(page, '/a-signer');
    const rows = queueRow(page, dossier.number);
    await expect(rows).toHaveCount(2);
    for (const box of await rows.getByRole('checkbox').all()) await box.press('Space');
    await page.getByRole('button', { name: 'Signer les 2 décisions sélectionnées' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Signer 2 décisions' });
    await dialog.getByRole('button', { name: /^Fichier de certificat Format/ }).setInputFiles(pki.ecdsa.p12Path);
    await dialog.getByLabel('Mot de passe du certificat').fill(TEST_P12_PASSWORD);
    await dialog.getByLabel('Mot de passe du certificat').press('Enter');
    await expect(dialog).toContainText('1 décision signée.', { timeout: 30_000 });
    await expect(dialog.getByRole('alert')).toContainText('1 décision n’a pas été signée');
    await expect(dialog.getByRole('alert')).toContainText(`Refus motivé, dossier n° ${dossier.number}`);
    await expect(dialog.getByRole('button', { name: 'Réessayer la décision non signée' })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-sign-partial');
    const states = (await call(request, 'decisions.list', { dossierId: dossier.id })).map((decision) => [decision.id, decision.state]);
    expect(states).toContainEqual([attribution.id, 'signee']);
    expect(states).toContainEqual([refusal.id, 'proposee']);
  });

  test('a decision is signed with the PKCS#11 token chosen by its slot and PIN', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const { dossier } = await proposedAttribution(request, 15);
    await openDesk(page, '/parametres');
    const settings = page.getByRole('region', { name: 'Signature' });
    // Radios from the keyboard: the arrow moves the choice.
    await settings.getByRole('radio', { name: /^Instructeur/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(settings.getByRole('radio', { name: /^Signataire/ })).toBeChecked();
    await expect.poll(async () => (await call(request, 'decisions.role', {})).role).toBe('signataire');
    await settings.getByLabel('Module PKCS#11 (bibliothèque de la carte de signature)').fill(SOFTHSM_MODULE);
    await settings.getByRole('button', { name: 'Enregistrer le module' }).click();
    await expect(settings).toContainText('1 carte détectée avec ce module.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-settings');

    await page.getByRole('link', { name: 'À signer' }).first().click();
    await queueRow(page, dossier.number).getByRole('button', { name: /^Relire/ }).click();
    await page.getByRole('button', { name: 'Signer cette décision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Signer une décision' });
    await dialog.locator('label', { hasText: 'Carte ou clé de signature (PKCS#11)' }).click();
    const slot = dialog.getByRole('combobox', { name: /^Carte/ });
    await expect(slot).toContainText(E2E_TOKEN_LABEL);
    await expect(slot).toHaveValue(process.env.RELAIS_E2E_TOKEN_SLOT ?? '');
    const pin = dialog.getByRole('textbox', { name: 'Code PIN' });
    await pin.fill('0000');
    await pin.press('Enter');
    await expect(dialog.getByRole('alert')).toContainText(`Le code PIN de la carte « ${E2E_TOKEN_LABEL} » est incorrect : rien n’a été signé.`);
    await expect(pin).toHaveValue('');
    await pin.fill(TEST_PIN);
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-sign-token');
    await pin.press('Enter');
    await expect(dialog).toContainText('1 décision signée.', { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Terminer' }).click();
    expect((await call(request, 'decisions.list', { dossierId: dossier.id }))[0]!.state).toBe('signee');
  });

  test('a refusal without its reasons cannot be proposed, and says why', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const dossier = await dossierAt(request, 30);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=decision`);
    await page.getByLabel('Nouvelle décision').selectOption('refus');
    await page.getByRole('button', { name: 'Rédiger' }).click();
    const editor = page.getByRole('region', { name: 'Refus motivé : brouillon' });
    await editor.getByLabel('Motifs de droit').fill('');
    await editor.getByLabel('Motifs de fait').fill('');
    await waitUntilSaved(page);
    await editor.getByRole('button', { name: 'Proposer à la signature' }).click();
    const problems = editor.locator('.relais-decision-problems');
    await expect(problems).toBeFocused();
    await expect(problems).toContainText('Un refus doit énoncer ses motifs de droit (CRPA, art. L211-5).');
    await expect(problems).toContainText('Un refus doit énoncer ses motifs de fait (CRPA, art. L211-5).');
    expect((await call(request, 'decisions.list', { dossierId: dossier.id })).at(-1)!.state).toBe('brouillon');
    await screenshot(page, 'decisions-refusal-problems');
  });

  test('two windows on one draft: the other window’s changes are taken in, and the same field asks which version wins', async ({ page, context, request }) => {
    await setRole(request, 'instructeur');
    const dossier = await dossierAt(request, 32);
    const draft = await call(request, 'decisions.create', { dossierId: dossier.id, type: 'sans-suite' });
    const other = await context.newPage();
    for (const window of [page, other]) await openDesk(window, `/dossiers/${dossier.id}?onglet=decision&decision=${draft.id}`);
    const mine = page.getByRole('region', { name: 'Classement sans suite : brouillon' });
    const theirs = other.getByRole('region', { name: 'Classement sans suite : brouillon' });

    await mine.getByLabel('Motif du classement sans suite').fill('Le demandeur a retiré sa demande par courrier.');
    await waitUntilSaved(page);
    await theirs.getByLabel(/^Remarques/).fill('Courrier reçu le 3 mars.');
    await waitUntilSaved(other);
    await expect(theirs.getByLabel('Motif du classement sans suite')).toHaveValue('Le demandeur a retiré sa demande par courrier.');

    await mine.getByLabel(/^Remarques/).fill('Appel téléphonique du 4 mars.');
    await expect(mine.getByText('Décision modifiée dans une autre fenêtre')).toBeVisible();
    await expect(mine.getByLabel(/^Remarques/)).toHaveValue('Appel téléphonique du 4 mars.');
    await screenshot(page, 'decisions-conflict');
    await mine.getByRole('button', { name: 'Enregistrer ma version par-dessus' }).press('Enter');
    await waitUntilSaved(page);
    const saved = (await call(request, 'decisions.list', { dossierId: dossier.id })).find((decision) => decision.id === draft.id)!;
    expect(saved.content).toMatchObject({ remarks: 'Appel téléphonique du 4 mars.', reason: 'Le demandeur a retiré sa demande par courrier.' });
    await other.close();
  });

  test('nothing typed is lost: an unreadable amount waits on screen, and a reload brings back what was not saved yet', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const { dossier } = await attributionDossier(request, 25);
    const draft = await call(request, 'decisions.create', { dossierId: dossier.id, type: 'attribution' });
    await openDesk(page, `/dossiers/${dossier.id}?onglet=decision&decision=${draft.id}`);
    const editor = page.getByRole('region', { name: 'Arrêté attributif de subvention : brouillon' });

    await editor.getByLabel(/^Avance \(€\)/).fill('douze mille');
    await expect(editor).toContainText('Cette valeur n’est pas lisible : saisissez un nombre (par exemple 12 500,50).');
    await editor.getByLabel('Conditions de reversement').fill('Reversement intégral si le four n’est pas mis en service.');
    await page.reload();
    const reloaded = page.getByRole('region', { name: 'Arrêté attributif de subvention : brouillon' });
    await expect(reloaded.getByLabel('Conditions de reversement')).toHaveValue('Reversement intégral si le four n’est pas mis en service.');
    await waitUntilSaved(page);
    const saved = (await call(request, 'decisions.list', { dossierId: dossier.id })).find((decision) => decision.id === draft.id)!;
    expect(saved.content).toMatchObject({ repayment: 'Reversement intégral si le four n’est pas mis en service.' });
  });

  test('the decision screens read in English', async ({ page, request }) => {
    await call(request, 'preferences.setLanguage', { language: 'en' });
    await setRole(request, 'instructeur');
    const dossier = await dossierAt(request, 31);
    await openDesk(page, `/dossiers/${dossier.id}?onglet=decision`);
    await expect(page.getByRole('heading', { name: 'Decisions on this dossier' })).toBeVisible();
    await page.getByLabel('New decision').selectOption('demande-pieces');
    await page.getByRole('button', { name: 'Draft' }).click();
    const editor = page.getByRole('region', { name: /: draft$/ });
    await expect(editor.getByLabel('Missing pieces')).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-editor-english');

    await call(request, 'preferences.setLanguage', { language: 'fr' });
    const { dossier: proposedOn } = await proposedAttribution(request, 20);
    await call(request, 'preferences.setLanguage', { language: 'en' });
    await setRole(request, 'signataire');
    await openDesk(page, '/a-signer');
    await expect(page.getByRole('heading', { level: 1, name: 'Decisions to sign' })).toBeVisible();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Dossier no. ${proposedOn.number}`, exact: true }) });
    await row.getByRole('checkbox').press('Space');
    await expect(row.getByRole('checkbox')).toBeChecked();
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-queue-english');
    await page.getByRole('button', { name: 'Sign the selected decision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign a decision' });
    await dialog.locator('label', { hasText: 'Signing card or token (PKCS#11)' }).click();
    await expect(dialog.getByRole('textbox', { name: 'PIN' })).toBeVisible();
    await expect(dialog.getByText('Loading…')).toBeHidden();
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-sign-dialog-english');
  });

  test('a signed decision is countersigned by a second authority: two signatures, both intact', async ({ page, request }) => {
    await setRole(request, 'instructeur');
    const { dossier, decision } = await proposedAttribution(request, 40);
    await setRole(request, 'signataire');
    const credentials = { kind: 'p12' as const, p12Base64: Buffer.from(pki.rsa.p12).toString('base64'), password: TEST_P12_PASSWORD };
    const { jobId } = await call(request, 'decisions.sign', { ids: [decision.id], credentials });
    await expect.poll(async () => (await call(request, 'decisions.signProgress', { jobId })).done, { timeout: 30_000 }).toBe(1);

    await openDesk(page, `/dossiers/${dossier.id}?onglet=decision`);
    const signed = page.getByRole('region', { name: 'Arrêté attributif de subvention : signée' });
    await expect(signed.getByRole('list', { name: 'Signatures de l’acte' }).getByRole('listitem')).toHaveCount(1);
    await signed.getByRole('button', { name: 'Contresigner' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Contresigner la décision' });
    await expect(dialog.getByRole('button', { name: 'Contresigner' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Dominique');
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Bernard');
    await dialog.getByRole('textbox', { name: 'Qualité', exact: true }).fill('Préfet de la région Grand Est');
    await dialog.getByRole('button', { name: /^Fichier de certificat Format/ }).setInputFiles(pki.ecdsa.p12Path);
    await dialog.getByLabel('Mot de passe du certificat').fill(TEST_P12_PASSWORD);
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-countersign-dialog');
    await dialog.getByLabel('Mot de passe du certificat').press('Enter');
    await expect(dialog).toContainText('Décision contresignée : les signatures précédentes restent valides.', { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Terminer' }).press('Enter');
    await expect(dialog).toBeHidden();

    const signatures = signed.getByRole('list', { name: 'Signatures de l’acte' }).getByRole('listitem');
    await expect(signatures).toHaveCount(2);
    await expect(signatures.nth(1)).toContainText('Signé par Dominique Bernard, Préfet de la région Grand Est');
    const verification = signed.getByRole('region', { name: 'Vérification des signatures' });
    await verification.getByRole('button', { name: 'Vérifier les signatures' }).press('Enter');
    await expect(verification.getByRole('status')).toContainText('signatures sont intactes', { timeout: 20_000 });
    await expect(verification.getByText('intacte (les octets signés n’ont pas changé)')).toHaveCount(2);
    await expectNoAxeViolations(page);
    await screenshot(page, 'decisions-countersigned');
    expect((await call(request, 'decisions.list', { dossierId: dossier.id }))[0]!.signatures.map((signature) => signature.signerName)).toEqual([
      `${decision.content.signatory.firstName} ${decision.content.signatory.lastName}`,
      'Dominique Bernard',
    ]);
  });
});
