/**
 * `relais journal verify --data DIR [--json]`: recomputes the journal's hash chain. Exits 0 when
 * it is intact, 1 naming the first altered entry otherwise, so a script or an auditor can rely on it.
 */
import type { Command } from 'commander';
import { verifyJournal } from '../../core/mutations';
import { openSession } from '../../core/session';
import { EXIT_FAILURE } from '../exit-codes';
import { t } from '../i18n';

interface VerifyOptions {
  data: string;
  json?: boolean;
}

function verify(options: VerifyOptions): void {
  const session = openSession({ dataDir: options.data, host: 'cli' });
  try {
    const check = verifyJournal(session.ctx.db, { fromStart: true });
    if (!check.ok) process.exitCode = EXIT_FAILURE;
    if (options.json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
    else if (check.ok) process.stdout.write(`${t('journal.intact', { count: check.entries })}\n`);
    else process.stderr.write(`${t('journal.broken', { ...check.broken, context: check.broken.reason })}\n${t('journal.advice')}\n`);
  } finally {
    session.close();
  }
}

export function register(program: Command): void {
  program
    .command('journal')
    .description(t('journal.description'))
    .command('verify')
    .description(t('journal.verify.description'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .option('--json', t('journal.verify.json'))
    .action(verify);
}
