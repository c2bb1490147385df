/**
 * The preload exposes the typed contract client and nothing else: one object on window.relais,
 * whose invoke reaches only the contract's IPC channel, and no Electron or Node object.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL } from '../../shared/bridge';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async () => ({ ok: true, result: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

const PRELOAD = path.resolve(__dirname, '../../electron/preload/index.ts');

describe('preload', () => {
  beforeAll(async () => {
    await import('../../electron/preload/index');
  });

  it('exposes one object, window.relais, with host and invoke only', () => {
    expect([...exposed.keys()]).toEqual(['relais']);
    const bridge = exposed.get('relais') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['host', 'invoke']);
    expect(bridge.host).toBe('electron');
    expect(typeof bridge.invoke).toBe('function');
  });

  it('sends every call on the contract channel, whatever the caller asks', async () => {
    const bridge = exposed.get('relais') as { invoke(channel: string, args: unknown): Promise<unknown> };
    await bridge.invoke('app.info', { a: 1 });
    await bridge.invoke('relais:other-channel', {});
    expect(invoke.mock.calls).toEqual([
      [INVOKE_CHANNEL, 'app.info', { a: 1 }],
      [INVOKE_CHANNEL, 'relais:other-channel', {}],
    ]);
  });

  it('imports only electron and the bridge types', () => {
    const source = readFileSync(PRELOAD, 'utf8');
    const imports = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)].map((match) => match[1]);
    expect(imports).toEqual(['electron', '../../shared/bridge']);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
