/**
 * The « Sauvegardes » page on a case file of its own: the daily backup the host takes at start,
 * a restore behind a confirmation, then the hand-over export downloaded and imported back, each
 * change seen through the contract without restarting the host.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { call, expect, expectNoAxeViolations, openDesk, test } from './desk';
import { startHost } from './global-setup';

const RELAIS = path.resolve(__dirname, '../../electron/cli/relais.cjs');
const PASSPHRASE = 'une phrase secrète assez longue';

let root: string;
let desk: { url: string; stop: () => Promise<void> };
let dossierId: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  root = mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-backup-'));
  const dataDir = path.join(root, 'case');
  const demo = spawnSync(process.execPath, [RELAIS, 'demo', '--data', dataDir, '--count', '3', '--seed', '11'], { encoding: 'utf8' });
  expect(demo.status, demo.stderr).toBe(0);
  desk = await startHost(dataDir);
});

test.afterAll(async () => {
  await desk?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function followed(request: APIRequestContext): Promise<boolean> {
  return (await call(request, 'dossiers.get', { id: dossierId }, desk.url)).followed;
}

async function follow(request: APIRequestContext, value: boolean): Promise<void> {
  await call(request, 'dossiers.setFollowed', { id: dossierId, followed: value }, desk.url);
}

test('restores the daily backup after a confirmation, then exports and imports the case file', async ({ page, request, expectedErrors }) => {
  test.setTimeout(240_000);
  dossierId = (await call(request, 'dossiers.list', {}, desk.url)).rows[0]!.id;
  // The host takes its first daily backup in its worker as it starts.
  await expect.poll(async () => (await call(request, 'backups.list', {}, desk.url)).backups.length, { timeout: 60_000 }).toBe(1);
  expect(await followed(request)).toBe(false);
  await follow(request, true);

  await openDesk(page, '/parametres', desk.url);
  await page.getByRole('link', { name: 'Sauvegardes, export et import du dossier de travail' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sauvegardes');
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('quotidienne');
  await rows.first().getByRole('button', { name: /^Restaurer la sauvegarde du / }).click();
  const confirm = page.getByRole('button', { name: 'Confirmer la restauration' });
  await expect(confirm).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/a été restaurée\. L’état d’avant est gardé/)).toBeVisible();
  // The same host, its same handlers, on the restored case file.
  expect(await followed(request)).toBe(false);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('avant restauration');

  // Export: typed twice, downloaded.
  await page.getByLabel(/^Phrase secrète\s*Au moins 12/).fill(PASSPHRASE);
  await page.getByLabel('La même phrase secrète, à nouveau').fill(PASSPHRASE);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^relais-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}\.relais$/);
  const exported = path.join(root, download.suggestedFilename());
  await download.saveAs(exported);
  await expect(page.getByText('L’export a été téléchargé.')).toBeVisible();

  await follow(request, true);
  await page.getByLabel('Fichier d’export').setInputFiles(exported);
  // A wrong passphrase is said so, and nothing changes.
  await page.getByLabel('Phrase secrète de l’export').fill('pas la bonne phrase secrète');
  await page.getByText(/^Je remplace le dossier de travail/).click();
  expectedErrors.push(/status of 4\d\d|Failed to load resource/);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  // The passphrase's key derivation (scrypt) is slow on purpose.
  await expect(page.getByRole('alert')).toContainText('La phrase secrète ne correspond pas', { timeout: 60_000 });
  expect(await followed(request)).toBe(true);

  await page.getByLabel('Phrase secrète de l’export').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByText(/^L’export du .* a été importé\./)).toBeVisible({ timeout: 60_000 });
  expect(await followed(request)).toBe(false);
  await expect(rows.first()).toContainText('avant import');
  await expectNoAxeViolations(page);
});
