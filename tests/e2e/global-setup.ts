/**
 * Creates a demo case file of 300 dossiers (seed 7) in a temporary folder and serves it with
 * `relais serve`, as a user would. The address with its token reaches the tests through
 * RELAIS_E2E_URL, the folder through RELAIS_E2E_DATA.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createTestPki } from '../fixtures/pki';
import { createSoftHsm } from '../fixtures/softhsm';

export const ROOT = path.resolve(__dirname, '../..');
export const RELAIS = path.join(ROOT, 'electron/cli/relais.cjs');
const READY = /^Relais ready: (\S+)$/;
/** The label of the SoftHSM2 token the served host can sign with (slot in RELAIS_E2E_TOKEN_SLOT, PIN TEST_PIN). */
export const E2E_TOKEN_LABEL = 'Relais e2e';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/**
 * Starts a long-running `relais` command (`serve`, `hub`) and waits for the line that gives its
 * address (`ready`'s first group); `stop` ends it as a user would (SIGTERM) and waits for the exit.
 */
export async function startRelais(args: string[], ready: RegExp): Promise<{ url: string; stop: () => Promise<void> }> {
  const name = `relais ${args[0]}`;
  const child = spawn(process.execPath, [RELAIS, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not print its address within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${name} exited (code ${code}) before it was ready`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = ready.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `relais serve` on a case file folder, as a user starts the desk in a browser. */
export function startHost(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  return startRelais(['serve', '--data', dataDir, '--port', '0'], READY);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(ROOT, 'out/renderer/index.html'))) run('npx', ['electron-vite', 'build']);
  // Case file keys go to a throwaway folder (inherited by every relais process), never to the real home.
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'relais-keys-'));
  process.env.RELAIS_KEY_DIR = keyDir;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-'));
  run(process.execPath, [RELAIS, 'demo', '--data', dataDir, '--count', '300', '--seed', '7']);
  // A SoftHSM2 token with a signing key, which the host finds through the SOFTHSM2_CONF it inherits.
  const pki = await createTestPki();
  const softhsm = createSoftHsm([{ label: E2E_TOKEN_LABEL, signer: pki.rsa, chain: [pki.ca] }]);
  process.env.RELAIS_E2E_TOKEN_SLOT = String(softhsm.tokens[E2E_TOKEN_LABEL]!.slot);
  const host = await startHost(dataDir);
  process.env.RELAIS_E2E_URL = host.url;
  process.env.RELAIS_E2E_DATA = dataDir;
  return async () => {
    await host.stop();
    softhsm.cleanup();
    pki.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  };
}
