/**
 * Runs sandboxed before the renderer: it exposes the contract call and nothing else (no Node,
 * no ipcRenderer). Core validates every call where it enters.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL, type PreloadBridge } from '../../shared/bridge';

const bridge: PreloadBridge = {
  host: 'electron',
  invoke: (channel, args) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, args),
};

contextBridge.exposeInMainWorld('relais', bridge);
