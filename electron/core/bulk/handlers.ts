/** The list's handlers: bulk actions and their undo, the instructors, "Mes échéances". */
import type { bulkChannels } from '../../../shared/channels/bulk';
import type { CoreContext } from '../context';
import { myDeadlines, setMe } from '../echeances/echeances';
import type { HandlersOf } from '../handlers';
import { runMutation } from '../mutations';
import { knownInstructors } from './instructors';
import { runBulk, undoBulk } from './run';

export function bulkHandlers(ctx: CoreContext): HandlersOf<typeof bulkChannels> {
  return {
    'bulk.run': ({ action, target }) => runBulk(ctx, action, target),
    'bulk.undo': ({ batchId }) => undoBulk(ctx, batchId),
    'bulk.instructors': () => ({ instructors: knownInstructors(ctx) }),
    'echeances.list': () => myDeadlines(ctx),
    'echeances.setMe': (args) => runMutation(ctx, setMe, args),
  };
}
