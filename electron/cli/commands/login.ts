/**
 * `relais login --data DIR --hub URL --email E --code C`: enrols this device on a hub with the
 * one-time code an administrator gave. The device token goes to a file of the data folder only
 * its owner reads (secrets/hub-token, 0600), never to the case file; `relais sync` then uses it.
 */
import type { Command } from 'commander';
import { syncChannels } from '../../../shared/channels/sync';
import { openSession } from '../../core/session';
import { parseArguments } from '../../core/validation';
import { t } from '../i18n';

interface LoginOptions {
  data: string;
  hub: string;
  email: string;
  code: string;
  deviceName?: string;
}

async function login(options: LoginOptions): Promise<void> {
  const args = parseArguments(syncChannels['sync.login'].args, { hubUrl: options.hub, email: options.email, code: options.code, deviceName: options.deviceName });
  const session = openSession({ dataDir: options.data, host: 'cli' });
  try {
    const { account } = await session.handlers['sync.login'](args);
    process.stdout.write(`${t('cli.login.done', { name: account!.name, email: account!.email, role: account!.role, hub: account!.hubUrl })}\n`);
  } finally {
    session.close();
  }
}

export function register(program: Command): void {
  program
    .command('login')
    .description(t('cli.login.description'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .requiredOption('--hub <url>', t('cli.login.hub'))
    .requiredOption('--email <email>', t('cli.login.email'))
    .requiredOption('--code <code>', t('cli.login.code'))
    .option('--device-name <name>', t('cli.login.deviceName'))
    .action(login);
}
