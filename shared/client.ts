/** The typed client both hosts hand to the UI; only the transport differs (IPC or HTTP). */
import type { ArgsOf, ChannelName, ResultOf } from './contract';
import { RelaisError, type Envelope } from './errors';

export type Transport = (channel: ChannelName, args: unknown) => Promise<Envelope>;

export interface RelaisClient {
  call<C extends ChannelName>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
}

export function createClient(transport: Transport): RelaisClient {
  return {
    async call(channel, args) {
      const envelope = await transport(channel, args);
      if (!envelope.ok) throw RelaisError.fromInfo(envelope.error);
      return envelope.result as never;
    },
  };
}
