/**
 * One process at a time on a hub data folder: PGlite is a database inside the process, and two
 * processes writing one folder would corrupt it. A lock file holds the owner's process id; the
 * lock of a process that is gone (killed) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { RelaisError } from '../shared/errors';

const LOCK_FILE = 'hub.lock';

function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock, or throws hub_folder_busy naming the process that holds it; returns the release. */
export function lockHubFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (processIsAlive(owner)) throw new RelaisError('hub_folder_busy', { path: dataDir, pid: owner });
      rmSync(file, { force: true });
    }
  }
}
