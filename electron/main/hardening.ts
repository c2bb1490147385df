/**
 * The window shows only the app: no other page, no new window, no webview, no permission. A link
 * to one of the allowed public services opens in the system's browser instead.
 */
import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { externalLinkFor } from './external-links';

function openOutside(url: string): void {
  const allowed = externalLinkFor(url);
  if (allowed) void shell.openExternal(allowed);
}

function confine(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once the app is ready. */
export function hardenSessions(): void {
  app.on('web-contents-created', (_event, contents) => confine(contents));
  const { defaultSession } = session;
  defaultSession.setPermissionRequestHandler((_contents, _permission, answer) => answer(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  // Screen capture needs a setDisplayMediaRequestHandler to be granted: none is set, so it never is.
}
