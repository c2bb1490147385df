/**
 * What one channel of the contract is. Each area of the desk (annotations, evaluation, visits…)
 * declares its channels in a file of this folder; shared/contract.ts joins them into one map.
 */
import { z } from 'zod';
import { Id } from '../domain/dossier';

export interface ChannelDef {
  /** A mutation changes the case file through the one mutation path (journal and outbox). */
  kind: 'query' | 'mutation';
  args: z.ZodType;
  result: z.ZodType;
  description: string;
}

/** Keeps each channel's literal types while checking that every entry is a channel. */
export function defineChannels<const T extends Record<string, ChannelDef>>(channels: T): T {
  return channels;
}

/** The arguments of a channel that takes none. */
export const NoArguments = z.strictObject({});

/** The arguments of a channel about one dossier. */
export const DossierArguments = z.strictObject({ dossierId: Id });

/** The version an edit started from: a save over a newer one is refused (another window saved since). */
export const ExpectedVersion = z.number().int().min(1);
