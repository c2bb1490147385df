/**
 * Writes that survive a crash or a power cut: a file is written aside, flushed, then renamed
 * into place, and the rename itself is flushed, so a reader finds the old file or the whole new
 * one, never half of it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

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

export interface DurableWriteOptions {
  /** The file's mode from its first byte on (0600 for a secret). */
  mode?: number;
  /** false: an existing file is never replaced (the write fails with EEXIST). */
  replace?: boolean;
}

export function writeFileDurably(target: string, bytes: Uint8Array, { mode = 0o644, replace = true }: DurableWriteOptions = {}): void {
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      let offset = 0;
      while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!replace && existsSync(target)) {
      throw Object.assign(new Error(`${target} already exists`), { code: 'EEXIST' });
    }
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
  syncDirectory(dir);
}
