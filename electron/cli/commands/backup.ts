/**
 * `relais backup list|restore` and `relais case-file export|import`: the case file's rolling
 * backups, and a whole case file in one passphrase-protected file to hand a laptop over. A
 * passphrase is typed at a prompt or read from an environment variable named by an option, never
 * given on the command line (it would stay in the shell's history and the process list).
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { RelaisError } from '../../../shared/errors';
import { listBackups } from '../../core/backup/folder';
import { exportCaseFileOf, importCaseFileOf, restoreBackupOf } from '../../core/backup/service';
import type { TransferProgress } from '../../core/backup/export-format';
import { caseFilePath } from '../../core/db/open';
import { openSession } from '../../core/session';
import { t } from '../i18n';
import { phaseProgressBar } from '../progress';

interface DataOptions {
  data: string;
}

function list(options: DataOptions & { json?: boolean }): void {
  const backups = listBackups(options.data);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(backups, null, 2)}\n`);
    return;
  }
  if (backups.length === 0) {
    process.stdout.write(`${t('backup.cli.none', { path: options.data })}\n`);
    return;
  }
  for (const backup of backups) {
    process.stdout.write(`${backup.name}\t${backup.createdAt}\t${t(`backup.reasons.${backup.reason}`)}\t${backup.sizeBytes}\n`);
  }
}

function restore(name: string, options: DataOptions): void {
  const session = openSession({ dataDir: options.data, host: 'cli' });
  try {
    const before = restoreBackupOf(session.ctx, name);
    process.stdout.write(`${t('backup.cli.restored', { name, before: before.name, path: options.data })}\n`);
  } finally {
    session.close();
  }
}

/** The passphrase: from the named variable, else typed at the terminal (twice to export). */
async function passphrase(variable: string | undefined, confirm: boolean): Promise<string> {
  if (variable) {
    const value = process.env[variable];
    if (!value) throw new RelaisError('export_passphrase_missing', {});
    return value;
  }
  if (!process.stdin.isTTY) throw new RelaisError('export_passphrase_missing', {});
  const typed = await promptHidden(t('backup.cli.passphrase'));
  if (confirm && (await promptHidden(t('backup.cli.passphraseAgain'))) !== typed) throw new RelaisError('export_passphrase_mismatch', {});
  return typed;
}

/** Reads a line without echoing it. */
function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    reader.question('', (answer) => {
      reader.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

function transferBar(phase: 'export' | 'import') {
  const bar = phaseProgressBar<typeof phase>((p) => t(`backup.cli.phase.${p}`));
  return {
    update: ({ doneBytes, totalBytes }: TransferProgress) => bar.update({ phase, done: doneBytes, total: totalBytes }),
    stop: () => bar.stop(),
  };
}

async function exportCommand(options: DataOptions & { to: string; passphraseEnv?: string }): Promise<void> {
  const secret = await passphrase(options.passphraseEnv, true);
  const session = openSession({ dataDir: options.data, host: 'cli' });
  const bar = transferBar('export');
  try {
    const result = await exportCaseFileOf(session.ctx, options.to, secret, bar.update);
    bar.stop();
    process.stdout.write(`${t('backup.cli.exported', { file: result.file, count: result.blobCount, size: result.sizeBytes })}\n`);
  } finally {
    bar.stop();
    session.close();
  }
}

function holdsCaseFile(dataDir: string): boolean {
  const file = caseFilePath(dataDir);
  return existsSync(file) && statSync(file).size > 0;
}

async function importCommand(file: string, options: DataOptions & { passphraseEnv?: string; force?: boolean }): Promise<void> {
  // Never over an existing case file without being asked: it is backed up first even then.
  if (holdsCaseFile(options.data) && !options.force) throw new RelaisError('case_file_exists', { path: options.data });
  const secret = await passphrase(options.passphraseEnv, false);
  const session = openSession({ dataDir: options.data, host: 'cli', create: true });
  const bar = transferBar('import');
  try {
    const { manifest, before } = await importCaseFileOf(session.ctx, file, secret, bar.update);
    bar.stop();
    process.stdout.write(`${t('backup.cli.imported', { file, exportedAt: manifest.exportedAt, count: manifest.blobCount, before: before.name })}\n`);
  } finally {
    bar.stop();
    session.close();
  }
}

export function register(program: Command): void {
  const backup = program.command('backup').description(t('backup.cli.description'));
  backup
    .command('list')
    .description(t('backup.cli.list'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .option('--json', t('backup.cli.json'))
    .action(list);
  backup
    .command('restore')
    .description(t('backup.cli.restore'))
    .argument('<backup>', t('backup.cli.backupArgument'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .action(restore);

  const caseFile = program.command('case-file').description(t('backup.cli.caseFile'));
  caseFile
    .command('export')
    .description(t('backup.cli.export'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .requiredOption('--to <file>', t('backup.cli.to'))
    .option('--passphrase-env <variable>', t('backup.cli.passphraseEnv'))
    .action(exportCommand);
  caseFile
    .command('import')
    .description(t('backup.cli.import'))
    .argument('<file>', t('backup.cli.fileArgument'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .option('--passphrase-env <variable>', t('backup.cli.passphraseEnv'))
    .option('--force', t('backup.cli.force'))
    .action(importCommand);
}
