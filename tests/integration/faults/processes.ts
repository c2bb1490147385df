/** The fault tests' own processes: a TypeScript file of this folder run by node, as `relais` runs. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { Spawned } from '../sync-faults/processes';

export function spawnScript(file: string, args: string[]): Spawned {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, file), ...args], { env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** The complete lines the process printed so far (a line cut by a kill is left out). */
export function printedLines(spawned: Spawned): string[] {
  const { stdout } = spawned.output();
  return stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
}
