/**
 * One contract, two carriers: Electron's preload bridge when it is there, otherwise HTTP to the
 * browser host. Both answer with the same envelope.
 */
import type { ChannelName } from '../../../shared/contract';
import type { Envelope } from '../../../shared/errors';
import type { Transport } from '../../../shared/client';
import type { PreloadBridge } from '../../../shared/bridge';
import { takeSessionToken } from './token';

declare global {
  interface Window {
    relais?: PreloadBridge;
  }
}

function electronTransport(bridge: PreloadBridge): Transport {
  return (channel, args) => bridge.invoke(channel, args);
}

function httpTransport(token: string | null): Transport {
  return async (channel: ChannelName, args: unknown): Promise<Envelope> => {
    let response: Response;
    try {
      response = await fetch(`/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'host_unreachable' } };
    }
    // The host answers every call, refused ones included (401), with an envelope.
    try {
      return (await response.json()) as Envelope;
    } catch {
      return { ok: false, error: { code: 'internal', params: { message: `HTTP ${response.status}` } } };
    }
  };
}

export function pickTransport(): Transport {
  return window.relais ? electronTransport(window.relais) : httpTransport(takeSessionToken());
}
