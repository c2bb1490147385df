/** What the desk's end-to-end tests share: opening the desk, calling the host, axe, screenshots. */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ArgsOf, ChannelName, ResultOf } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';

export const SHOTS_DIR = '/tmp/relais/shots';

/**
 * Every test fails if the page logged an error or broke its Content-Security-Policy. A test that
 * provokes failures on purpose says which messages it expects through `expectedErrors`.
 */
export const test = base.extend<{ expectedErrors: RegExp[] }>({
  expectedErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const expected: RegExp[] = [];
      await use(expected);
      expect(errors.filter((error) => !expected.some((pattern) => pattern.test(error)))).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

function host(): { origin: string; token: string; dataDir: string } {
  const url = process.env.RELAIS_E2E_URL;
  const dataDir = process.env.RELAIS_E2E_DATA;
  if (!url || !dataDir) throw new Error('RELAIS_E2E_URL is not set: run the tests through playwright.config.ts');
  return { ...addressOf(url), dataDir };
}

/** A host's origin and token, from the address `relais serve` printed. */
function addressOf(url: string): { origin: string; token: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' };
}

/** The case file folder the host serves. */
export function dataDir(): string {
  return host().dataDir;
}

/**
 * Opens the desk as `relais serve` tells a user to (its address with the token), then goes to
 * `route` (e.g. `/dossiers?etat=accepte`). The token leaves the address on the first load.
 * `address`: another host than the shared one (a test that starts its own case file).
 */
export async function openDesk(page: Page, route = '/dossiers', address?: string): Promise<void> {
  const { origin, token } = address ? addressOf(address) : host();
  await page.goto(`${origin}/?token=${token}#${route}`);
  await expect(page.locator('main h1')).toBeVisible();
  // DSFR's script drives the menus and tabs once it has started.
  await expect(page.locator('html')).toHaveAttribute('data-fr-js', 'true');
}

/** One contract call straight to the host (or to the one at `address`), for what a test needs to know beforehand. */
export async function call<C extends ChannelName>(request: APIRequestContext, channel: C, args: ArgsOf<C>, address?: string): Promise<ResultOf<C>> {
  const { origin, token } = address ? addressOf(address) : host();
  const response = await request.post(`${origin}/api/call/${channel}`, {
    data: args,
    headers: { authorization: `Bearer ${token}` },
  });
  const envelope = (await response.json()) as Envelope<ResultOf<C>>;
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.result;
}

/** WCAG 2.1 A and AA, on the whole page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
  }));
  expect(violations).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** The grid's body rows currently in the document (the grid is virtual: only those near the view). */
export function gridRows(page: Page) {
  return page.locator('[role="grid"] [role="rowgroup"]').nth(1).locator('[role="row"]');
}

/** Waits until the list shows data for the current filters. */
export async function waitForList(page: Page): Promise<void> {
  await expect(page.getByRole('grid')).toHaveAttribute('aria-busy', 'false');
}
