/**
 * The fuses Relais ships with, flipped in a file carrying Electron's fuse sentinel (the Electron
 * binary itself cannot be downloaded on the build machines; the wire format is the same).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flipRelaisFuses } from '../../electron/scripts/flip-fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes before and after the wire, as in a binary; every fuse starts enabled ('1'). */
function fakeBinary(name: string, fuseCount: number): string {
  const file = path.join(dir, name);
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, fuseCount]), Buffer.from('1'.repeat(fuseCount))]);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0xcc)]));
  return file;
}

function wireOf(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
}

describe('Electron fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS, --inspect and file:// privileges; requires the asar, checked', async () => {
    const binary = fakeBinary('electron', 9);
    const before = readFileSync(binary);
    await flipRelaisFuses(binary);
    // RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol, WasmTrapHandlers
    expect(wireOf(binary)).toBe('010011001');
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, 4096).equals(before.subarray(0, 4096))).toBe(true);
  });

  it('refuses an Electron whose wire has a fuse no one decided on', async () => {
    const binary = fakeBinary('electron-newer', 10);
    await expect(flipRelaisFuses(binary)).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('refuses a file that is not an Electron binary', async () => {
    const file = path.join(dir, 'not-electron');
    writeFileSync(file, 'hello');
    await expect(flipRelaisFuses(file)).rejects.toThrow(/sentinel/);
  });
});
