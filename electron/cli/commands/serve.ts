/** `relais serve --data DIR [--port P]`: the browser host on 127.0.0.1 until SIGINT or SIGTERM. */
import { InvalidArgumentError, type Command } from 'commander';
import { RelaisError, toErrorInfo } from '../../../shared/errors';
import { startDailyBackups } from '../../core/backup/daily';
import { openSession } from '../../core/session';
import { startSyncService } from '../../core/sync/sync-client';
import { rendererIsBuilt, startHost } from '../../host/server';
import { describe, t } from '../i18n';

/** The one line scripts and tests wait for; it carries the token, so nothing else prints it. */
export const READY_PREFIX = 'Relais ready: ';

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new InvalidArgumentError(t('cli.serve.badPort'));
  return port;
}

/** Serves the case file in dataDir; resolves once the host answers, closes everything on a signal. */
export async function serveCaseFile(dataDir: string, port = 0): Promise<void> {
  if (!rendererIsBuilt()) throw new RelaisError('renderer_not_built');
  const session = openSession({ dataDir, host: 'browser' });
  const sync = startSyncService(session.ctx);
  const stopBackups = startDailyBackups(session.ctx, { onError: (error) => process.stderr.write(`${describe(toErrorInfo(error))}\n`) });
  const host = await startHost({ handlers: session.handlers, port }).catch((error: unknown) => {
    session.close();
    throw error;
  });
  const stop = async () => {
    try {
      await host.close();
      sync.stop();
      stopBackups();
    } finally {
      session.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`${READY_PREFIX}${host.url}\n`);
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(t('cli.serve.description'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .option('--port <port>', t('cli.serve.port'), parsePort)
    .action((options: { data: string; port?: number }) => serveCaseFile(options.data, options.port));
}
