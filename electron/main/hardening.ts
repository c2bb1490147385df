/** The window shows only the app: no other page, no new window, no webview, no permission. */
import { app, session, type WebContents } from 'electron';
import { isAppUrl } from './app-url';

function confine(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once the app is ready. */
export function hardenSessions(): void {
  app.on('web-contents-created', (_event, contents) => confine(contents));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) => answer(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
