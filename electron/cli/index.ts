/** `relais <command>`: each command lives in ./commands and registers itself on the program. */
import { Command, CommanderError } from 'commander';
import { toErrorInfo } from '../../shared/errors';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes';
import { describe, t } from './i18n';
import { translateUsageError } from './usage-errors';
import * as attach from './commands/attach';
import * as backup from './commands/backup';
import * as call from './commands/call';
import * as demo from './commands/demo';
import * as decision from './commands/decision';
import * as dossier from './commands/dossier';
import * as hub from './commands/hub';
import * as journal from './commands/journal';
import * as login from './commands/login';
import * as serve from './commands/serve';
import * as sign from './commands/sign';
import * as sync from './commands/sync';
import * as start from './commands/start';
import * as verify from './commands/verify';

const commands: Array<{ register(program: Command): void }> = [start, serve, demo, call, journal, dossier, decision, sign, verify, login, sync, hub, attach, backup];

/** Commander's own headings, in the user's language. */
const HELP_TITLES: Record<string, string> = {
  'Usage:': t('cli.help.usage'),
  'Arguments:': t('cli.help.arguments'),
  'Options:': t('cli.help.options'),
  'Commands:': t('cli.help.commands'),
  'Global Options:': t('cli.help.globalOptions'),
};

function buildProgram(): Command {
  const program = new Command('relais')
    .description(t('cli.description'))
    .exitOverride()
    .showHelpAfterError()
    // Each command reads its own options: `relais hub --data D` and `relais hub user add --data D` do not mix.
    .enablePositionalOptions()
    .helpOption('-h, --help', t('cli.help.option'))
    .helpCommand('help [command]', t('cli.help.option'))
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(translateUsageError(text, t)),
    });
  for (const command of commands) command.register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message and the usage; --help and --version exit 0.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`${describe(toErrorInfo(error))}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}

void main(process.argv);
