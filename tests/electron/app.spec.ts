/**
 * The Electron app itself: the window opens on app://relais/, the preload exposes only the
 * contract call, the window cannot be taken elsewhere, app:// answers carry the CSP, permissions
 * are denied and only allowed links reach the system's browser. Needs the Electron binary, which the
 * build machines cannot download: there the tests are reported as skipped, and say why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary } from '../../electron/cli/electron-binary';
import type { PreloadBridge } from '../../shared/bridge';

const APP_ROOT = path.resolve(__dirname, '../..');

const binary = electronBinary();
const suite = binary ? 'Electron app' : 'Electron app (skipped: Electron binary absent on this machine)';

test.describe(suite, () => {
  test.skip(!binary, 'skipped: Electron binary absent on this machine');

  let configHome: string;
  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    // userData is $XDG_CONFIG_HOME/relais on Linux: the first run's demo case file goes to a tmp dir.
    configHome = mkdtempSync(path.join(os.tmpdir(), 'relais-electron-'));
    app = await electron.launch({
      executablePath: binary!,
      args: [APP_ROOT],
      env: { ...process.env, XDG_CONFIG_HOME: configHome },
      timeout: 120_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    rmSync(configHome, { recursive: true, force: true });
  });

  test('the window opens on app://relais/', async () => {
    expect(page.url()).toMatch(/^app:\/\/relais\//);
    await expect(page).toHaveTitle(/Relais/);
  });

  test('the preload exposes only host and invoke, and no Node', async () => {
    const exposed = await page.evaluate(() => {
      const bridge = (window as unknown as { relais: PreloadBridge }).relais;
      return {
        keys: Object.keys(bridge).sort(),
        host: bridge.host,
        node: typeof (window as unknown as { require?: unknown }).require,
      };
    });
    expect(exposed).toEqual({ keys: ['host', 'invoke'], host: 'electron', node: 'undefined' });
  });

  test('a contract call answers through IPC', async () => {
    const envelope = await page.evaluate(() =>
      (window as unknown as { relais: PreloadBridge }).relais.invoke('app.info', {}),
    );
    expect(envelope).toMatchObject({ ok: true, result: { host: 'electron' } });
  });

  test('navigation away and new windows are blocked', async () => {
    const opened = await page.evaluate(() => window.open('https://example.org') === null);
    expect(opened).toBe(true);
    // A listener added after the app's own runs once the app has decided: then the page must not have moved.
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      (globalThis as unknown as { attempted: Promise<string> }).attempted = new Promise((resolve) =>
        contents.once('will-navigate', (event) => resolve(event.url)),
      );
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    expect(await app.evaluate(() => (globalThis as unknown as { attempted: Promise<string> }).attempted)).toBe(
      'https://example.org/',
    );
    expect(page.url()).toMatch(/^app:\/\/relais\//);
    expect(app.windows()).toHaveLength(1);
  });

  test('app:// answers carry the renderer CSP as a header', async () => {
    const csp = await page.evaluate(async () => (await fetch('app://relais/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test('permission checks and requests are denied', async () => {
    const answers = await page.evaluate(async () => ({
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      microphone: await navigator.mediaDevices.getUserMedia({ audio: true }).then(
        () => 'granted',
        (error: Error) => error.name,
      ),
    }));
    expect(answers.geolocation).toBe('denied');
    expect(answers.microphone).not.toBe('granted');
  });

  test('only an allowed https link reaches the system browser', async () => {
    // The system browser is replaced by a recorder in the main process.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as unknown as { opened: string[] }).opened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
    await page.evaluate(() => {
      for (const url of ['file:///etc/passwd', 'http://www.legifrance.gouv.fr/', 'https://example.org/', 'https://www.legifrance.gouv.fr/']) {
        window.open(url);
      }
    });
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened))
      .toEqual(['https://www.legifrance.gouv.fr/']);
    expect(app.windows()).toHaveLength(1);
  });
});
