/**
 * The one IPC channel: a contract call, accepted only from the app's own top-level page. Calls made while
 * the case file is still opening (the first run writes the demo) wait for it.
 */
import { ipcMain } from 'electron';
import { INVOKE_CHANNEL } from '../../shared/bridge';
import type { Envelope } from '../../shared/errors';
import { dispatch } from '../core/dispatch';
import type { Handlers } from '../core/handlers';
import { isTrustedSender } from './trusted-sender';

const unauthorized: Envelope = { ok: false, error: { code: 'unauthorized' } };

export function handleInvoke(handlers: Promise<Handlers>): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, args: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event.senderFrame)) return unauthorized;
    return dispatch(await handlers, String(channel), args);
  });
}
