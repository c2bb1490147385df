/**
 * Electron's main process: one hardened window on app://relais/, the case file opened through
 * core, and the contract over one IPC channel. First run creates a demo case file.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { toErrorInfo } from '../../shared/errors';
import { createTranslator } from '../../shared/i18n/translator';
import { ensureDemoCaseFile } from '../core/demo/first-run';
import { startDailyBackups } from '../core/backup/daily';
import { openSession, type Session } from '../core/session';
import { startSyncService } from '../core/sync/sync-client';
import { APP_ENTRY_URL } from './app-url';
import { safeStorageCaseFileKeys } from './case-file-key';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { hardenSessions } from './hardening';
import { handleInvoke } from './ipc';
import { safeStorageSecrets } from './secret-store';

const RENDERER_DIR = path.join(__dirname, '../renderer');
const PRELOAD = path.join(__dirname, '../preload/index.cjs');

let mainWindow: BrowserWindow | null = null;
let session: Session | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    show: false,
    title: 'Relais',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would open links in new windows: denied anyway, and off at the source.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function openCaseFile(dataDir: string): Promise<Session> {
  await ensureDemoCaseFile(dataDir);
  const opened = openSession({ dataDir, host: 'electron' }, safeStorageCaseFileKeys(app.getLocale().startsWith('en') ? 'en' : 'fr'));
  startSyncService(opened.ctx, safeStorageSecrets(dataDir));
  startDailyBackups(opened.ctx);
  return opened;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  serveRenderer(RENDERER_DIR);
  // The window opens at once; on first run its calls wait while the demo case file is written.
  const opened = openCaseFile(app.getPath('userData'));
  const handlers = opened.then((opening) => opening.handlers);
  handlers.catch(() => {}); // a case file that cannot open is reported once, by start()'s caller
  handleInvoke(handlers);
  mainWindow = createWindow();
  session = await opened;
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox(); // every renderer sandboxed, whatever a window's options say
  registerAppScheme();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => session?.close());
  start().catch((error: unknown) => {
    // A case file from a newer version, a corrupt one…: the user reads why, in their language.
    const { describe } = createTranslator(app.getLocale().startsWith('en') ? 'en' : 'fr');
    dialog.showErrorBox('Relais', describe(toErrorInfo(error)));
    app.exit(1);
  });
}
