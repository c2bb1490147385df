/**
 * The single entry point of every transport (IPC, HTTP, `relais call`): checks the channel,
 * validates the arguments with the contract's schema, runs the handler and wraps the outcome
 * in an Envelope. Nothing thrown escapes as an exception.
 */
import { contract, isChannelName, type ChannelName } from '../../shared/contract';
import { RelaisError, type Envelope } from '../../shared/errors';
import type { Handlers } from './handlers';
import { invalidArguments } from './validation';

export interface DispatchOptions {
  /** Check results against the contract too (on under test: a handler drifting from it fails loudly). */
  validateResults?: boolean;
}

const VALIDATE_RESULTS_BY_DEFAULT = process.env.NODE_ENV === 'test';

export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawArgs: unknown,
  { validateResults = VALIDATE_RESULTS_BY_DEFAULT }: DispatchOptions = {},
): Promise<Envelope> {
  try {
    if (!isChannelName(channel)) throw new RelaisError('unknown_channel', { channel });
    const result = await run(handlers, channel, rawArgs);
    if (validateResults) {
      const checked = contract[channel].result.safeParse(result);
      if (!checked.success) throw new Error(`result of ${channel} breaks the contract: ${checked.error.message}`);
    }
    return { ok: true, result };
  } catch (error) {
    if (error instanceof RelaisError) return { ok: false, error: error.toInfo() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', params: { message }, issues: [] } };
  }
}

async function run<C extends ChannelName>(handlers: Handlers, channel: C, rawArgs: unknown): Promise<unknown> {
  const parsed = contract[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) throw invalidArguments(parsed.error);
  const handler = handlers[channel] as (args: unknown) => unknown;
  return handler(parsed.data);
}
