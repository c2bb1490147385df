import { existsSync } from 'node:fs';

/**
 * The Electron executable, or null where it was not installed. The `electron` package exports
 * its binary's path, and throws when the binary's download failed at install.
 */
export function electronBinary(): string | null {
  try {
    const binary = require('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
