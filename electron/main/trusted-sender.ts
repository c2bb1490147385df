/**
 * Who may call the contract over IPC: the app's own top-level page on app://relais/, never a
 * frame inside it nor any other origin. No Electron import: tested under plain Node.
 */
import { isAppUrl } from './app-url';

/** The part of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
