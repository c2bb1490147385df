/** What Electron's preload exposes to the renderer as `window.relais`, and the IPC channel it uses. */
import type { Envelope } from './errors';

export const INVOKE_CHANNEL = 'relais:invoke';

export interface PreloadBridge {
  host: 'electron';
  invoke(channel: string, args: unknown): Promise<Envelope>;
}
