/**
 * `relais start` (what `npm start` runs once the build is done): the Electron app when its
 * binary is installed; otherwise the same app in the browser host, on a demo case file kept in
 * the user's data folder, signed in to the demo hub (demo-hub.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { ensureDemoCaseFile } from '../../core/demo/first-run';
import { startDemoHub } from '../demo-hub';
import { electronBinary } from '../electron-binary';
import { t } from '../i18n';
import { userDataDir } from '../user-data';
import { serveCaseFile } from './serve';

const APP_ROOT = path.resolve(__dirname, '../../..');

function runElectron(binary: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [APP_ROOT], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => {
      process.exitCode = code ?? 1;
      resolve();
    });
  });
}

const print = (line: string) => process.stdout.write(`${line}\n`);

async function runInBrowser(): Promise<void> {
  print(t('cli.start.electronAbsent'));
  const dataDir = userDataDir();
  await ensureDemoCaseFile(dataDir, () => print(t('cli.start.creatingDemo', { path: dataDir })));
  const hub = await startDemoHub(dataDir, print);
  if (hub) process.once('exit', hub.stop);
  await serveCaseFile(dataDir);
}

export function register(program: Command): void {
  program
    .command('start')
    .description(t('cli.start.description'))
    .action(async () => {
      const binary = electronBinary();
      await (binary ? runElectron(binary) : runInBrowser());
    });
}
