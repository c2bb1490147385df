/**
 * The « Synchronisation » page against a real hub: `relais hub` on a PGlite folder seeded with
 * demo dossiers, two instructors of one territory. Desk A is the browser (its own case file and
 * `relais serve`); desk B is the command line (`relais login`, `relais call`, `relais sync`) on
 * another case file. A signs in through the form, syncs, meets the conflicts B made, settles them.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHubDatabase } from '../../server/db/open';
import { call, expect, expectNoAxeViolations, openDesk, screenshot, test } from './desk';
import { RELAIS, ROOT, startHost, startRelais } from './global-setup';

const HUB_READY = /^Relais hub ready: (\S+)$/;

// The second test reads the account the first one signed in.
test.describe.configure({ mode: 'serial' });

/** Runs one `relais` command to its end and gives its standard output; a failure fails the test. */
function relais(...args: string[]): string {
  const result = spawnSync(process.execPath, [RELAIS, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`relais ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout;
}

interface SyncSummary {
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
  pending: number;
}

function syncDeskB(dataDir: string): SyncSummary {
  return JSON.parse(relais('sync', '--data', dataDir, '--json')) as SyncSummary;
}

/** A user of the hub and the one-time code that enrols their device. */
function addUser(hubDir: string, email: string, name: string, territory: string): string {
  const added = JSON.parse(
    relais('hub', 'user', 'add', '--data', hubDir, '--email', email, '--name', name, '--role', 'instructeur', '--territory', territory, '--json'),
  ) as { code: string };
  return added.code;
}

/** The territory with the most dossiers on the hub, and two of its dossiers (read before the hub serves). */
async function seededScope(hubDir: string): Promise<{ territory: string; dossiers: { id: string; number: number }[] }> {
  const db = await openHubDatabase({ dataDir: hubDir });
  try {
    const [{ territory_id: territory }] = (
      await db.query<{ territory_id: string }>(
        'SELECT territory_id FROM hub_dossier GROUP BY territory_id ORDER BY count(*) DESC, territory_id LIMIT 1',
      )
    ).rows;
    const dossiers = (
      await db.query<{ id: string; number: number }>('SELECT id, number FROM hub_dossier WHERE territory_id = $1 ORDER BY number LIMIT 2', [territory])
    ).rows;
    return { territory, dossiers };
  } finally {
    await db.close();
  }
}

const ANNE = { email: 'anne.martin@example.gouv.fr', name: 'Anne Martin' };
const BRUNO = { email: 'bruno.petit@example.gouv.fr', name: 'Bruno Petit' };

let root: string;
let hubDir: string;
let hub: { url: string; stop: () => Promise<void> };
let deskA: { url: string; stop: () => Promise<void> };
let deskB: string;
let anneCode: string;
let scope: Awaited<ReturnType<typeof seededScope>>;

test.beforeAll(async () => {
  // A dozen `relais` commands, each compiling its sources on start: minutes on a busy machine.
  test.setTimeout(600_000);
  root = mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-sync-'));
  hubDir = path.join(root, 'hub');
  relais('hub', 'demo', '--data', hubDir, '--count', '12', '--seed', '5');
  scope = await seededScope(hubDir);
  expect(scope.dossiers).toHaveLength(2);
  anneCode = addUser(hubDir, ANNE.email, ANNE.name, scope.territory);
  const brunoCode = addUser(hubDir, BRUNO.email, BRUNO.name, scope.territory);
  hub = await startRelais(['hub', '--data', hubDir, '--port', '0'], HUB_READY);

  // Two empty case files: everything they hold comes from the hub.
  const deskADir = path.join(root, 'desk-a');
  deskB = path.join(root, 'desk-b');
  relais('demo', '--data', deskADir, '--count', '0');
  relais('demo', '--data', deskB, '--count', '0');
  relais('login', '--data', deskB, '--hub', hub.url, '--email', BRUNO.email, '--code', brunoCode);
  expect(syncDeskB(deskB).pulled).toBeGreaterThan(0);
  deskA = await startHost(deskADir);
});

test.afterAll(async () => {
  await deskA?.stop();
  await hub?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** « Synchroniser maintenant », then waits for that round's end (it runs in the sync worker). */
async function syncNow(page: Page, request: APIRequestContext): Promise<void> {
  const before = (await call(request, 'sync.status', {}, deskA.url)).lastSyncAt;
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await expect
    .poll(async () => {
      const status = await call(request, 'sync.status', {}, deskA.url);
      return status.state !== 'syncing' && status.lastSyncAt !== before ? status.state : 'running';
    }, { timeout: 30_000 })
    .toBe('idle');
  // The page follows sync.status by itself.
  await expect(page.locator('#sync-state-value')).toHaveText('Connecté');
}

function setAdvance(request: APIRequestContext, dossierId: string, amountCents: number) {
  return call(request, 'instruction.setAdvance', { dossierId, advance: { amountCents, bankGuarantee: false } }, deskA.url);
}

function advanceOnDeskB(dossierId: string, amountCents: number | null): void {
  relais('call', '--data', deskB, 'instruction.setAdvance', JSON.stringify({ dossierId, advance: amountCents === null ? null : { amountCents, bankGuarantee: false } }));
}

test('a desk signs in with its code, syncs, and settles the conflicts another desk made', async ({ page, request }) => {
  test.setTimeout(300_000);
  const [first, second] = scope.dossiers;
  await openDesk(page, '/synchronisation', deskA.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Synchronisation' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Connecter cet ordinateur au hub' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'sync-sign-in');

  // Bad input: each field says what to fix, and nothing is sent.
  await page.getByLabel('Adresse du hub').fill('hub.example');
  await page.getByLabel('Adresse électronique').fill('anne');
  await page.getByLabel('Code d’inscription').fill('1234');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Saisissez l’adresse du hub, commençant par https:// (ou http://).')).toBeVisible();
  await expect(page.getByText('Saisissez une adresse électronique valide')).toBeVisible();
  await expect(page.getByText('Saisissez le code tel qu’il vous a été remis')).toBeVisible();
  await expect(page.getByLabel('Adresse du hub')).toBeFocused();
  await expectNoAxeViolations(page);

  // A well-formed code the hub does not know is refused with a sentence; the form stays.
  await page.getByLabel('Adresse du hub').fill(hub.url);
  await page.getByLabel('Adresse électronique').fill(ANNE.email);
  await page.getByLabel('Code d’inscription').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Code d’inscription')).toBeFocused();
  await expect(page.getByLabel('Adresse du hub')).toHaveValue(hub.url);

  // Typed in lower case, the code still works (it is read in capitals).
  await page.getByLabel('Code d’inscription').fill(anneCode.toLowerCase());
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const account = page.getByRole('region', { name: 'Compte', exact: true });
  await expect(account).toContainText(ANNE.name);
  await expect(account).toContainText(ANNE.email);
  await expect(account).toContainText('Instruction');

  await syncNow(page, request);
  const dossiers = await call(request, 'dossiers.list', {}, deskA.url);
  expect(dossiers.rows.map((row) => row.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  await expect(page.getByRole('region', { name: 'État', exact: true })).toContainText('reçues');

  // Both desks change the advance of the same two dossiers; B's reach the hub first.
  advanceOnDeskB(first.id, 5_000_000);
  advanceOnDeskB(second.id, 2_000_000);
  expect(syncDeskB(deskB).pushed).toBe(2);
  await setAdvance(request, first.id, 8_000_000);
  await setAdvance(request, second.id, 3_000_000);
  await syncNow(page, request);

  const inbox = page.getByRole('region', { name: 'Conflits à régler', exact: true });
  await expect(inbox.getByRole('article')).toHaveCount(2);
  await expect(inbox.getByRole('status')).toContainText('2 conflits à régler.');
  await expect(page.locator('.relais-sync-indicator').first()).toContainText('2 conflits');
  const firstConflict = inbox.getByRole('article').filter({ hasText: `Dossier n° ${first.number}` });
  await expect(firstConflict.getByRole('heading', { level: 3 })).toContainText('Avance');
  await expect(firstConflict.getByRole('region', { name: 'Ma version', exact: true })).toContainText(/80\s000/);
  await expect(firstConflict.getByRole('region', { name: 'Version du hub', exact: true })).toContainText(/50\s000/);
  await expect(firstConflict.getByRole('region', { name: 'Version du hub', exact: true })).toContainText(`Par ${BRUNO.name}`);
  const queue = page.getByRole('table', { name: 'Modifications envoyées ou à envoyer au hub' });
  await expect(queue.locator('tbody tr[data-state="conflict"]')).toHaveCount(2);
  await expectNoAxeViolations(page);
  await screenshot(page, 'sync-conflicts');

  // Keep mine on the first, take the hub's on the second.
  await firstConflict.getByRole('button', { name: 'Garder ma version' }).click();
  await expect(inbox.getByRole('status')).toContainText('Conflit réglé : votre version est gardée et repart vers le hub.');
  await expect(inbox.getByRole('article')).toHaveCount(1);
  await inbox.getByRole('article').getByRole('button', { name: 'Prendre celle du hub' }).click();
  await expect(inbox.getByRole('status')).toContainText('Aucun conflit à régler.');
  expect((await call(request, 'instruction.get', { dossierId: second.id }, deskA.url)).advance?.amountCents).toBe(2_000_000);

  // The two changes in conflict say how each was settled.
  await page.getByLabel('Afficher').selectOption('conflict');
  await expect(queue.locator('tbody tr')).toHaveCount(2);
  await expect(queue.locator(`tbody tr:has-text("${first.number}")`)).toContainText('Votre version a été gardée et renvoyée au hub.');
  await expect(queue.locator(`tbody tr:has-text("${second.number}")`)).toContainText('La version du hub a été reprise.');

  await syncNow(page, request);
  await page.getByLabel('Afficher').selectOption('applied');
  await expect(page).toHaveURL(/etat=applied/);
  await expect(queue.locator('tbody tr')).not.toHaveCount(0);
  await expect(queue.locator('tbody tr').first()).toContainText('Saisie de l’avance');
  await expect(page.locator('.relais-sync-indicator').first()).toContainText('Synchronisé');
  await screenshot(page, 'sync-settled');

  // Desk B now sees the value A kept.
  syncDeskB(deskB);
  const onB = JSON.parse(relais('call', '--data', deskB, 'instruction.get', JSON.stringify({ dossierId: first.id }))) as { advance: { amountCents: number } | null };
  expect(onB.advance?.amountCents).toBe(8_000_000);
});

test('a device the hub no longer accepts asks to sign in again, and its waiting change goes once it has', async ({ page, request }) => {
  test.setTimeout(300_000);
  const [first] = scope.dossiers;
  // The administrator revokes this computer and gives Anne a new code (the hub is stopped for
  // that: its data folder is its own while it serves), then the hub comes back at the same address.
  const { account } = await call(request, 'sync.status', {}, deskA.url);
  await hub.stop();
  relais('hub', 'device', 'revoke', '--data', hubDir, account!.deviceId);
  const { code } = JSON.parse(relais('hub', 'user', 'code', '--data', hubDir, '--email', ANNE.email, '--json')) as { code: string };
  hub = await startRelais(['hub', '--data', hubDir, '--port', new URL(hub.url).port], HUB_READY);

  await setAdvance(request, first.id, 9_000_000);
  await openDesk(page, '/synchronisation', deskA.url);
  // The desk's own schedule may get there first (then the button is already disabled): ask through the contract.
  await call(request, 'sync.now', {}, deskA.url);
  await expect.poll(async () => (await call(request, 'sync.status', {}, deskA.url)).state, { timeout: 30_000 }).toBe('login_required');
  // At rest the page asks for sync.status every 10 s: it says so within one such poll.
  await expect(page.getByRole('heading', { level: 2, name: 'Reconnectez-vous' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.relais-sync-indicator').first()).toHaveText('Reconnectez-vous');
  await expect(page.getByLabel('Adresse du hub')).toHaveValue(hub.url);
  await expect(page.getByLabel('Adresse électronique')).toHaveValue(ANNE.email);
  await expect(page.getByRole('button', { name: 'Synchroniser maintenant' })).toBeDisabled();
  const queue = page.getByRole('table', { name: 'Modifications envoyées ou à envoyer au hub' });
  await expect(queue.locator('tbody tr').first()).toContainText('Saisie de l’avance');
  await expect(queue.locator('tbody tr').first()).not.toHaveAttribute('data-state', 'applied');
  await expectNoAxeViolations(page);
  await screenshot(page, 'sync-sign-in-again');

  await page.getByLabel('Code d’inscription').fill(code);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('region', { name: 'Compte', exact: true })).toContainText(ANNE.name);
  await syncNow(page, request);
  await expect(queue.locator('tbody tr').first()).toHaveAttribute('data-state', 'applied');
  syncDeskB(deskB);
  const onB = JSON.parse(relais('call', '--data', deskB, 'instruction.get', JSON.stringify({ dossierId: first.id }))) as { advance: { amountCents: number } | null };
  expect(onB.advance?.amountCents).toBe(9_000_000);
});

test('the page in English, signed in', async ({ page, request }) => {
  await call(request, 'preferences.setLanguage', { language: 'en' }, deskA.url);
  try {
    await openDesk(page, '/synchronisation', deskA.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Account', exact: true })).toContainText(ANNE.name);
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    await expectNoAxeViolations(page);
    await screenshot(page, 'sync-en');
  } finally {
    await call(request, 'preferences.setLanguage', { language: 'fr' }, deskA.url);
  }
});
