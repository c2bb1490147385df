/**
 * `relais sync --data DIR [--json]`: one full round with the hub (files up, changes pushed, the
 * hub's changes pulled) in this process, then its summary. Exits 1 with the reason when the round
 * could not finish: what it did before stays done, the next round goes on from there.
 */
import type { Command } from 'commander';
import { openSession } from '../../core/session';
import { FileSecretStore } from '../../core/sync/secret-store';
import { attachSyncService, SyncService } from '../../core/sync/service';
import { inProcessRoundRunner } from '../../core/sync/sync-client';
import { t } from '../i18n';

interface SyncOptions {
  data: string;
  json?: boolean;
}

async function sync(options: SyncOptions): Promise<void> {
  const session = openSession({ dataDir: options.data, host: 'cli' });
  try {
    const { ctx } = session;
    const service = attachSyncService(ctx, new SyncService(ctx, { secrets: new FileSecretStore(ctx.dataDir), runner: inProcessRoundRunner(ctx) }));
    const summary = await service.roundNow();
    if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else process.stdout.write(`${t('cli.sync.summary', { ...summary })}\n`);
  } finally {
    session.close();
  }
}

export function register(program: Command): void {
  program
    .command('sync')
    .description(t('cli.sync.description'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .option('--json', t('cli.sync.json'))
    .action(sync);
}
