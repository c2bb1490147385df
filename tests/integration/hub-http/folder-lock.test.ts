/** A hub data folder is opened by one process at a time; the lock of a process that is gone is taken over. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockHubFolder } from '../../../server/folder-lock';

describe('hub folder lock', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'relais-hub-lock-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder, naming the process, and frees the folder on release', () => {
    const release = lockHubFolder(dir);
    expect(readFileSync(path.join(dir, 'hub.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockHubFolder(dir)).toThrow(expect.objectContaining({ code: 'hub_folder_busy', params: { path: dir, pid: process.pid } }));
    release();
    expect(existsSync(path.join(dir, 'hub.lock'))).toBe(false);
    lockHubFolder(dir)();
  });

  it('takes over the lock of a process that was killed', () => {
    // A process that has ended: its id is free (until the system gives it again).
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(path.join(dir, 'hub.lock'), String(gone));
    const release = lockHubFolder(dir);
    expect(readFileSync(path.join(dir, 'hub.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
