/** The handlers of shared/channels/drafts.ts. */
import type { draftChannels } from '../../../shared/channels/drafts';
import { dossierSeqOf } from '../dossiers/seq';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { saveDraft } from './mutations';
import { draftsOfArea } from './store';

export function draftHandlers(ctx: CoreContext): HandlersOf<typeof draftChannels> {
  return {
    'drafts.get': ({ dossierId, area }) => ({ drafts: draftsOfArea(ctx.db, dossierSeqOf(ctx.db, dossierId), area) }),
    'drafts.save': (args) => runMutation(ctx, saveDraft, args),
    'drafts.discard': ({ dossierId, key }) => {
      runMutation(ctx, saveDraft, { dossierId, key, text: '' });
      return { key };
    },
  };
}
