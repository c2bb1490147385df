/** The handlers of shared/channels/pieces.ts. */
import type { pieceChannels } from '../../../shared/channels/pieces';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { attachFile } from './attach';

export function pieceHandlers(ctx: CoreContext): HandlersOf<typeof pieceChannels> {
  return {
    'pieces.attach': ({ dossierId, name, base64 }) => attachFile(ctx, { dossierId, name, bytes: Buffer.from(base64, 'base64') }),
  };
}
