import { createRequire } from 'node:module';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module path. From the sources (tsx, vitest) the module is a .ts
 * file: the worker then loads tsx's CommonJS hook first. Node 20 does not apply `--import tsx`
 * to a worker's entry module, while `--require` works; the hook is resolved to an absolute path
 * so the worker starts whatever the current directory. A bundled .js module starts as is.
 */
export function startWorker(modulePath: string, options: WorkerOptions = {}): Worker {
  if (!modulePath.endsWith('.ts')) return new Worker(modulePath, options);
  const tsxHook = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(modulePath, { ...options, execArgv: [...(options.execArgv ?? []), '--require', tsxHook] });
}
