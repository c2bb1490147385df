/**
 * Démarches Simplifiées on the desk, against a real `relais hub` (PGlite) whose database holds what
 * the DS connector leaves after its runs (tests/e2e/ds-hub-rows.ts) and one dossier imported with
 * its DS exchanges. An administrateur's desk (its own case file, `relais serve`) shows the page
 * « Démarches Simplifiées » and, on the dossier, the read-only « Échanges sur Démarches
 * Simplifiées », in French and English, axe-clean. A desk signed in to no hub has no such link.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHubDatabase } from '../../server/db/open';
import { recordHubEvents } from '../../server/sync/hub-events';
import type { DossierImport } from '../../shared/domain/dossier';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';
import { DS_ENDPOINT, ERROR_MESSAGE, FAILED_NUMBER, FAILED_REASON, seedDsRows } from './ds-hub-rows';
import { RELAIS, ROOT, startHost, startRelais } from './global-setup';

const HUB_READY = /^Relais hub ready: (\S+)$/;
const ADMIN = { email: 'alice.admin@example.gouv.fr', name: 'Alice Administratrice' };
const DS_PAGE = '/demarches-simplifiees';

function relais(...args: string[]): string {
  const result = spawnSync(process.execPath, [RELAIS, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`relais ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** DS's editor writes markup; the desk must show it as text, never as HTML. */
const APPLICANT_BODY = '<p>Bonjour,<br>Vous trouverez ci-joint le devis <b>actualisé</b> &amp; le plan de financement.</p>';
const APPLICANT_TEXT = 'Vous trouverez ci-joint le devis actualisé & le plan de financement.';

function exchangesOf(dossier: DossierImport): DossierImport {
  return {
    ...dossier,
    dates: { ...dossier.dates, svaSvrDecisionOn: '2027-03-15' },
    updatedAt: '2026-11-19T16:00:00.000Z',
    exchanges: {
      messages: [
        { id: 'TWVzc2FnZS0x', at: '2026-11-12T08:30:00.000Z', from: 'contact@fonderie-exemple.fr', body: APPLICANT_BODY, attachments: ['devis-presse-2026.pdf'] },
        { id: 'TWVzc2FnZS0y', at: '2026-11-13T10:05:00.000Z', from: 'instruction@dreets.gouv.fr', body: 'Merci, le dossier est complet.', attachments: [] },
      ],
      avis: [
        {
          id: 'QXZpcy0x',
          askedAt: '2026-11-14T09:00:00.000Z',
          answeredAt: '2026-11-18T14:20:00.000Z',
          expert: 'expert.dreal@developpement-durable.gouv.fr',
          question: 'Le procédé de fonderie respecte-t-il les meilleures techniques disponibles ?',
          answer: 'Oui, sous réserve du traitement des fumées.',
          attachments: ['avis-dreal.pdf'],
        },
        { id: 'QXZpcy0y', askedAt: '2026-11-19T09:00:00.000Z', answeredAt: null, expert: null, question: 'Le site est-il en zone inondable ?', answer: null, attachments: [] },
      ],
    },
  };
}

interface HubDossier {
  id: string;
  number: number;
}

/**
 * Seeds the connector's rows and re-imports one dossier with its DS exchanges; returns that
 * dossier, and the one whose change DS is to review (both on the desk once it synced).
 */
async function seedHub(hubDir: string): Promise<{ withExchanges: HubDossier; toReview: HubDossier }> {
  const db = await openHubDatabase({ dataDir: hubDir });
  try {
    const { rows } = await db.query<{ id: string; number: number }>('SELECT id, number FROM hub_dossier ORDER BY number');
    const [first, second] = rows;
    const source = await db.query<{ args: DossierImport }>(
      `SELECT args FROM hub_event WHERE name = 'dossier.import' AND dossier_id = $1 ORDER BY seq DESC LIMIT 1`,
      [first!.id],
    );
    await recordHubEvents(db, [{ name: 'dossier.import', args: exchangesOf(source.rows[0]!.args), at: new Date('2026-11-19T16:00:00.000Z') }]);
    await seedDsRows(db, rows.map((row) => row.number), second!.number);
    return { withExchanges: first!, toReview: second! };
  } finally {
    await db.close();
  }
}

let root: string;
let hub: { url: string; stop: () => Promise<void> };
let desk: { url: string; stop: () => Promise<void> };
let withExchanges: HubDossier;
let toReview: HubDossier;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Several `relais` commands, each compiling its sources on start: minutes on a busy machine.
  test.setTimeout(600_000);
  root = mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-ds-'));
  const hubDir = path.join(root, 'hub');
  relais('hub', 'demo', '--data', hubDir, '--count', '6', '--seed', '11');
  ({ withExchanges, toReview } = await seedHub(hubDir));
  const { code } = JSON.parse(
    relais('hub', 'user', 'add', '--data', hubDir, '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'administrateur', '--json'),
  ) as { code: string };
  // No scheduled DS run: the page must show the rows seeded above, not a run against a DS that is not there.
  hub = await startRelais(['hub', '--data', hubDir, '--port', '0', '--ds-interval', '0'], HUB_READY);
  const deskDir = path.join(root, 'desk');
  relais('demo', '--data', deskDir, '--count', '0');
  relais('login', '--data', deskDir, '--hub', hub.url, '--email', ADMIN.email, '--code', code);
  relais('sync', '--data', deskDir, '--json');
  desk = await startHost(deskDir);
});

test.afterAll(async ({ request }) => {
  if (desk) await call(request, 'preferences.setLanguage', { language: 'fr' }, desk.url);
  await desk?.stop();
  await hub?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('an administrateur follows the link with DS: last run, counts, changes to review or failed, errors', async ({ page, request }) => {
  await openDesk(page, '/dossiers', desk.url);
  const link = page.getByRole('navigation').getByRole('link', { name: 'Démarches Simplifiées' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Démarches Simplifiées' })).toBeFocused();
  await expect(page.locator('#ds-read-at')).toContainText(hub.url);

  await expect(page.getByText(DS_ENDPOINT)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Dernière synchronisation avec DS' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Dossiers importés 6/ })).toBeVisible();
  await expect(page.locator('[data-count="pushReview"]')).toHaveText('1');
  await expect(page.locator('[data-count="pushFailed"]')).toHaveText('1');
  await expect(page.locator('[data-count="deleted"]')).toHaveText('1');

  const review = page.locator(`tr[data-number="${toReview.number}"]`);
  await expect(review).toContainText('Acceptation');
  await expect(review).toContainText('À revoir');
  // A dossier this desk holds opens from the table; the others are named only.
  await expect(review.getByRole('link', { name: `n° ${toReview.number}` })).toHaveAttribute('href', `#/dossiers/${toReview.id}`);
  await expect(page.locator(`tr[data-number="${FAILED_NUMBER}"]`).getByRole('link')).toHaveCount(0);
  const failed = page.locator(`tr[data-number="${FAILED_NUMBER}"]`);
  await expect(failed).toContainText('Message au demandeur');
  await expect(failed).toContainText('En échec');
  await expect(failed).toContainText(FAILED_REASON);
  await expect(page.getByRole('cell', { name: ERROR_MESSAGE })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'ds-status-fr');

  // « Actualiser », from the keyboard, asks the hub again and says when it read it.
  const asked = page.waitForResponse((response) => response.url().endsWith('/api/call/sync.dsStatus'));
  await page.getByRole('button', { name: 'Actualiser' }).focus();
  await page.keyboard.press('Enter');
  expect((await (await asked).json()) as { ok: boolean; result: { state: string } }).toMatchObject({ ok: true, result: { state: 'ready' } });
  await expect(page.getByRole('button', { name: 'Actualiser' })).toBeEnabled();
  await expect(page.locator('#ds-read-at')).toContainText(hub.url);

  await call(request, 'preferences.setLanguage', { language: 'en' }, desk.url);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Démarches Simplifiées' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Last synchronisation with DS' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expect(page.locator(`tr[data-number="${toReview.number}"]`)).toContainText('To review');
  await expect(page.locator(`tr[data-number="${FAILED_NUMBER}"]`)).toContainText('Message to the applicant');
  await expectNoAxeViolations(page);
  await screenshot(page, 'ds-status-en');
  await call(request, 'preferences.setLanguage', { language: 'fr' }, desk.url);
});

test('the dossier shows its DS messages and opinions as plain text, and the SVA/SVR date', async ({ page, request }) => {
  await openDesk(page, `/dossiers/${withExchanges.id}?onglet=messages`, desk.url);
  const section = page.getByRole('region', { name: 'Échanges sur Démarches Simplifiées' });
  await expect(section).toBeVisible();
  await expect(section.locator('#ds-sva-svr')).toHaveText('15 mars 2027');
  await expect(section.getByRole('heading', { level: 4, name: /contact@fonderie-exemple\.fr, le 12 nov\. 2026/ })).toBeVisible();
  await expect(section.getByText(APPLICANT_TEXT)).toBeVisible();
  // The applicant's markup is text: no element of it reaches the page.
  await expect(section.locator('b, p > p')).toHaveCount(0);
  await expect(section.getByText('Pièces jointes : devis-presse-2026.pdf')).toBeVisible();
  await expect(section.getByText('expert.dreal@developpement-durable.gouv.fr')).toBeVisible();
  await expect(section.getByText('Oui, sous réserve du traitement des fumées.')).toBeVisible();
  await expect(section.getByText('Pas encore de réponse.')).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'ds-exchanges-fr');

  await call(request, 'preferences.setLanguage', { language: 'en' }, desk.url);
  await page.reload();
  const english = page.getByRole('region', { name: 'Exchanges on Démarches Simplifiées' });
  await expect(english).toBeVisible();
  await expect(english.locator('#ds-sva-svr')).toHaveText('15 Mar 2027');
  await expect(english.getByText('No answer yet.')).toBeVisible();
  await expect(english.getByText('Attachments: avis-dreal.pdf')).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'ds-exchanges-en');
  await call(request, 'preferences.setLanguage', { language: 'fr' }, desk.url);
});

test('with the hub stopped, the page says the hub is out of reach and how to retry', async ({ page }) => {
  await hub.stop();
  await openDesk(page, DS_PAGE, desk.url);
  await expect(page.locator('#ds-state')).toContainText(`Le hub ${hub.url} ne répond pas`);
  await expect(page.getByRole('button', { name: 'Actualiser' })).toBeEnabled();
  await expectNoAxeViolations(page);
  await screenshot(page, 'ds-offline');
});

test('a desk signed in to no hub has no DS link, and the page says how to sign in', async ({ page }) => {
  await openDesk(page, '/dossiers');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Synchronisation' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Démarches Simplifiées' })).toHaveCount(0);
  await openDesk(page, DS_PAGE);
  await expect(page.locator('#ds-state')).toContainText('Cet ordinateur n’est connecté à aucun hub');
  await expect(page.getByRole('link', { name: 'Aller à la page Synchronisation' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'ds-signed-out');
});
