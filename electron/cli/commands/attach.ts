/**
 * `relais attach --data DIR --dossier ID FILE…`: attaches files to a dossier, each checked as the
 * UI's are (attach/check.ts). One line per file, accepted or refused with the reason; a refusal
 * does not stop the others, and the exit status is 1 if any file was refused.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AttachResult } from '../../../shared/channels/pieces';
import { RelaisError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { attachFile } from '../../core/attach/attach';
import { attachDisplayName, checkSize } from '../../core/attach/check';
import type { CoreContext } from '../../core/context';
import { openSession } from '../../core/session';
import { EXIT_FAILURE } from '../exit-codes';
import { describe, t } from '../i18n';

interface AttachOptions {
  data: string;
  dossier: string;
  json?: boolean;
}

type FileOutcome = { file: string } & ({ ok: true; result: AttachResult } | { ok: false; error: ErrorInfo });

/** The file's size is checked before a byte is read: a huge file is refused at once. */
async function attachOne(ctx: CoreContext, dossierId: string, file: string): Promise<AttachResult> {
  const name = attachDisplayName(path.basename(file));
  let bytes: Buffer;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new RelaisError('attach_unreadable_file', { name });
    checkSize(name, stats.size);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof RelaisError) throw error;
    throw new RelaisError('attach_unreadable_file', { name });
  }
  return attachFile(ctx, { dossierId, name, bytes });
}

function line(outcome: FileOutcome): string {
  if (!outcome.ok) return t('attach.cli.refused', { file: outcome.file, reason: describe(outcome.error) });
  const { piece, notices } = outcome.result;
  const pages = piece.pageCount === null ? '' : ` (${t('pieces.pages', { count: piece.pageCount })})`;
  return [t('attach.cli.accepted', { file: outcome.file, name: piece.name }) + pages, ...notices.map((notice) => `  ${t(`attach.notices.${notice}`)}`)].join('\n');
}

async function attach(files: string[], options: AttachOptions): Promise<void> {
  const session = openSession({ dataDir: options.data, host: 'cli' });
  const outcomes: FileOutcome[] = [];
  try {
    for (const file of files) {
      try {
        outcomes.push({ file, ok: true, result: await attachOne(session.ctx, options.dossier, file) });
      } catch (error) {
        // A dossier that does not exist concerns every file: said once.
        if (error instanceof RelaisError && error.code === 'not_found') throw error;
        outcomes.push({ file, ok: false, error: toErrorInfo(error) });
      }
      if (!options.json) process.stdout.write(`${line(outcomes[outcomes.length - 1]!)}\n`);
    }
  } finally {
    session.close();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  if (outcomes.some((outcome) => !outcome.ok)) process.exitCode = EXIT_FAILURE;
}

export function register(program: Command): void {
  program
    .command('attach')
    .description(t('attach.cli.description'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .requiredOption('--dossier <id>', t('attach.cli.dossier'))
    .option('--json', t('attach.cli.json'))
    .argument('<files...>', t('attach.cli.files'))
    .action(attach);
}
