/**
 * `relais call --data DIR CHANNEL 'JSON'`: one contract call through core's dispatch, the same
 * validation as the two hosts. `relais call --list`: every channel with its argument schema.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { contract } from '../../../shared/contract';
import { RelaisError } from '../../../shared/errors';
import { dispatch } from '../../core/dispatch';
import { openSession } from '../../core/session';
import { EXIT_USAGE } from '../exit-codes';
import { t } from '../i18n';

function parseJsonArgument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(t('cli.call.badJson', { message: (error as Error).message }));
  }
}

function describeChannels(): Record<string, { kind: string; description: string; args: unknown }> {
  return Object.fromEntries(
    Object.entries(contract).map(([name, def]) => [
      name,
      {
        kind: def.kind,
        description: def.description,
        // `input`: what a caller may send (fields with a default are optional).
        args: z.toJSONSchema(def.args, { io: 'input', unrepresentable: 'any' }),
      },
    ]),
  );
}

/** One call through dispatch on a short-lived session; a failed envelope is thrown as its RelaisError. */
export async function callChannel(dataDir: string, channel: string, args: unknown): Promise<unknown> {
  const session = openSession({ dataDir, host: 'cli' });
  try {
    const envelope = await dispatch(session.handlers, channel, args);
    if (!envelope.ok) throw RelaisError.fromInfo(envelope.error);
    return envelope.result;
  } finally {
    session.close();
  }
}

interface CallOptions {
  data?: string;
  list?: boolean;
}

export function register(program: Command): void {
  program
    .command('call')
    .description(t('cli.call.description'))
    .argument('[channel]', t('cli.call.channel'))
    .argument('[json]', t('cli.call.json'), parseJsonArgument)
    .option('--data <dir>', t('cli.options.data'))
    .option('--list', t('cli.call.list'))
    .action(async function (this: Command, channel: string | undefined, args: unknown, options: CallOptions) {
      if (options.list) {
        process.stdout.write(`${JSON.stringify(describeChannels(), null, 2)}\n`);
        return;
      }
      if (!options.data || !channel) this.error(t('cli.call.missing'), { exitCode: EXIT_USAGE });
      const result = await callChannel(options.data, channel, args ?? {});
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
}
