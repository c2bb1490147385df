/** The handlers of the export channels (shared/channels/exports.ts). */
import type { exportChannels } from '../../../shared/channels/exports';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { exportDossierZip } from './dossier-zip';
import { exportList } from './list-export';

export function exportHandlers(ctx: CoreContext): HandlersOf<typeof exportChannels> {
  return {
    'exports.dossierZip': ({ id }) => exportDossierZip(ctx, id),
    'exports.list': (args) => exportList(ctx, args),
  };
}
