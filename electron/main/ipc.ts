/** The one IPC channel: a contract call, accepted only from the app's own pages. */
import { ipcMain } from 'electron';
import { INVOKE_CHANNEL } from '../../shared/bridge';
import type { Envelope } from '../../shared/errors';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';
import { isAppUrl } from './app-url';

const unauthorized: Envelope = { ok: false, error: { code: 'unauthorized' } };

export function handleInvoke(handlers: Handlers): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, args: unknown): Promise<Envelope> | Envelope => {
    if (!isAppUrl(event.senderFrame?.url)) return unauthorized;
    return dispatch(handlers, String(channel), args);
  });
}
