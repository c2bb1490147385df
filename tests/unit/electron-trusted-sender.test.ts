/**
 * Who may call the contract over Electron's IPC: the top-level app://relais/ page, nobody else;
 * and the main process listens on that one channel only, checking the sender before anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/main/trusted-sender';

const MAIN = path.resolve(__dirname, '../../electron/main');
const topFrame = (url: string) => ({ url, parent: null });

describe('IPC sender check', () => {
  it('accepts the app page', () => {
    expect(isTrustedSender(topFrame('app://relais/index.html#/dossiers'))).toBe(true);
  });

  it.each([
    ['a remote page', topFrame('https://example.org/')],
    ['a local file', topFrame('file:///home/user/evil.html')],
    ['another app:// host', topFrame('app://evil/index.html')],
    ['a frame inside the app page', { url: 'app://relais/frame.html', parent: topFrame('app://relais/index.html') }],
    ['a frame that is gone', null],
    ['no frame', undefined],
  ])('refuses %s', (_why, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('main listens on the contract channel only, and checks the sender first', () => {
    const uses = readdirSync(MAIN)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => [...readFileSync(path.join(MAIN, name), 'utf8').matchAll(/ipcMain\.\w+\([^,]*/g)].map((match) => `${name}: ${match[0]}`));
    expect(uses).toEqual(['ipc.ts: ipcMain.handle(INVOKE_CHANNEL']);
    const handler = readFileSync(path.join(MAIN, 'ipc.ts'), 'utf8').split('ipcMain.handle(INVOKE_CHANNEL')[1]!;
    expect(handler.split('\n')[1]!.trim()).toBe('if (!isTrustedSender(event.senderFrame)) return unauthorized;');
  });
});
