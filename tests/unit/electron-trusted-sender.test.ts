/** Who may call the contract over Electron's IPC: the top-level app://relais/ page, nobody else. */
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/main/trusted-sender';

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
});
