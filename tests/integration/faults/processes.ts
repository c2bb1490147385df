/**
 * The fault tests' own processes: a TypeScript file of this folder, bundled once by esbuild (what
 * tsx compiles with) and run by node. A bundle starts in a fraction of the time tsx takes to load
 * the same modules one by one, which is what lets the kill test start a hundred processes.
 */
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { spawnNode, type Spawned } from '../sync-faults/processes';

const ROOT = path.resolve(__dirname, '../../..');
/** Inside the repository, so that the bundle finds node_modules and the resources folder as the sources do. */
const BUNDLES = path.join(ROOT, 'node_modules', '.cache', 'relais-faults');
const bundles = new Map<string, string>();

function bundleOf(file: string): string {
  const known = bundles.get(file);
  if (known) return known;
  const bundle = path.join(BUNDLES, `${path.basename(file, '.ts')}.cjs`);
  // Test files run side by side: each builds its own copy, then renames it over the shared name.
  const building = `${bundle}.${process.pid}`;
  mkdirSync(BUNDLES, { recursive: true });
  buildSync({ entryPoints: [path.join(__dirname, file)], outfile: building, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'error' });
  renameSync(building, bundle);
  bundles.set(file, bundle);
  return bundle;
}

export function spawnScript(file: string, args: string[]): Spawned {
  return spawnNode([bundleOf(file), ...args]);
}

/** The complete lines the process printed so far (a line cut by a kill is left out). */
export function printedLines(spawned: Spawned): string[] {
  const { stdout } = spawned.output();
  return stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
}
