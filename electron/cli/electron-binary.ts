import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable, or null where it was not installed. Read from the `electron`
 * package's own record (path.txt, written once its binary is in dist/) rather than by requiring
 * the package, which tries the download again, printing on stdout, when the binary is absent.
 */
export function electronBinary(): string | null {
  const packageDir = path.dirname(require.resolve('electron/package.json'));
  const recorded = path.join(packageDir, 'path.txt');
  if (!existsSync(recorded)) return null;
  const binary = path.join(packageDir, 'dist', readFileSync(recorded, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
