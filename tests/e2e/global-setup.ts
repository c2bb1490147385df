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

const ROOT = path.resolve(__dirname, '../..');
const RELAIS = path.join(ROOT, 'electron/cli/relais.cjs');
const READY = /^Relais ready: (\S+)$/;
/** The label of the SoftHSM2 token the served host can sign with (slot in RELAIS_E2E_TOKEN_SLOT, PIN TEST_PIN). */
export const E2E_TOKEN_LABEL = 'Relais e2e';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

async function startHost(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const host = spawn(process.execPath, [RELAIS, 'serve', '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('relais serve did not print "Relais ready:" within 60 s')), 60_000);
    host.once('exit', (code) => reject(new Error(`relais serve exited (code ${code}) before it was ready`)));
    readline.createInterface({ input: host.stdout! }).on('line', (line) => {
      const match = READY.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    stop: async () => {
      host.kill('SIGTERM');
      await exited;
    },
  };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(ROOT, 'out/renderer/index.html'))) run('npx', ['electron-vite', 'build']);
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
  };
}
