/**
 * The contract between the UI and core: every channel, with the zod schemas of its arguments
 * and result. Core validates arguments where a call enters (electron/core/dispatch.ts); the
 * preload, the browser host and `relais call` carry nothing else.
 */
import { z } from 'zod';
import { deskChannels } from './channels/desk';
import { exportChannels } from './channels/exports';
import { instructionChannels } from './channels/instruction';
import { messageChannels } from './channels/messages';
import { bulkChannels } from './channels/bulk';
import { evaluationChannels } from './channels/evaluation';
import { visitChannels } from './channels/visits';
import { annotationChannels } from './channels/annotations';
import { draftChannels } from './channels/drafts';
import { decisionChannels } from './channels/decisions';
import { signatureChannels } from './channels/signatures';
import { syncChannels } from './channels/sync';
import { backupChannels } from './channels/backup';
import { pieceChannels } from './channels/pieces';

export * from './channels/desk';

/** Every channel: one map, joined from each area's channels (shared/channels/). */
export const contract = {
  ...deskChannels,
  ...exportChannels,
  ...instructionChannels,
  ...messageChannels,
  ...bulkChannels,
  ...evaluationChannels,
  ...visitChannels,
  ...annotationChannels,
  ...draftChannels,
  ...decisionChannels,
  ...signatureChannels,
  ...syncChannels,
  ...pieceChannels,
  ...backupChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ArgsOf<C extends ChannelName> = z.input<Contract[C]['args']>;
export type ParsedArgsOf<C extends ChannelName> = z.output<Contract[C]['args']>;
export type ResultOf<C extends ChannelName> = z.output<Contract[C]['result']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
