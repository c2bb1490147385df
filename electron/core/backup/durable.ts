/** fsync helpers: a file renamed into place must be on disk first, and the rename itself too. */
import { closeSync, fsyncSync, openSync } from 'node:fs';

export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
