import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The resources/ folder: RELAIS_RESOURCES_DIR when set (packaged app), else the repository's
 * resources/ found by walking up from this file, which works from the sources (tsx, vitest) and
 * from the bundle in out/main alike.
 */
export function resourcesDir(): string {
  const fromEnv = process.env.RELAIS_RESOURCES_DIR;
  if (fromEnv) return fromEnv;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'resources', 'reference');
    if (existsSync(candidate)) return path.join(dir, 'resources');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`resources folder not found above ${__dirname}`);
    dir = parent;
  }
}
