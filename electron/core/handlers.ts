/**
 * The handler map: one function per channel of shared/contract.ts (a missing channel does not
 * compile). Arguments arrive parsed by dispatch; every write goes through runMutation.
 */
import type { deskChannels } from '../../shared/channels/desk';
import type { ChannelName, ParsedArgsOf, ResultOf } from '../../shared/contract';
import { annotationHandlers } from './annotations/handlers';
import { appInfo } from './app-info';
import { bulkHandlers } from './bulk/handlers';
import type { CoreContext } from './context';
import { instructionHandlers } from './instruction/handlers';
import { messageHandlers } from './messages/handlers';
import { dossierFacets } from './dossiers/facets';
import { draftHandlers } from './drafts/handlers';
import { evaluationHandlers } from './evaluation/handlers';
import { setFollowed } from './dossiers/follow';
import { getDossier } from './dossiers/get';
import { dossierHistory } from './dossiers/history';
import { exportHandlers } from './exports/handlers';
import { listDossiers } from './dossiers/list';
import { runMutation } from './mutations';
import { pieceContent } from './pieces';
import { getPreferences, setLanguage } from './preferences';
import { visitHandlers } from './visits/handlers';
import { decisionHandlers } from './decisions/handlers';
import { signatureHandlers } from './signing/verify-handlers';
import { syncHandlers } from './sync/handlers';
import { backupHandlers } from './backup/handlers';
import { pieceHandlers } from './attach/handlers';

export type Handlers = {
  [C in ChannelName]: (args: ParsedArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;
};

/** The handlers of one area's channels (e.g. `HandlersOf<typeof annotationChannels>`), spread below. */
export type HandlersOf<Channels> = Pick<Handlers, Extract<keyof Channels, ChannelName>>;

export function createHandlers(ctx: CoreContext): Handlers {
  return {
    ...deskHandlers(ctx),
    ...exportHandlers(ctx),
    ...instructionHandlers(ctx),
    ...messageHandlers(ctx),
    ...bulkHandlers(ctx),
    ...evaluationHandlers(ctx),
    ...visitHandlers(ctx),
    ...annotationHandlers(ctx),
    ...draftHandlers(ctx),
    ...decisionHandlers(ctx),
    ...signatureHandlers(ctx),
    ...syncHandlers(ctx),
    ...pieceHandlers(ctx),
    ...backupHandlers(ctx),
  };
}

function deskHandlers(ctx: CoreContext): HandlersOf<typeof deskChannels> {
  return {
    'app.info': () => appInfo(ctx),
    'preferences.get': () => getPreferences(ctx),
    'preferences.setLanguage': (args) => runMutation(ctx, setLanguage, args),
    'dossiers.list': (query) => listDossiers(ctx, query),
    'dossiers.facets': () => dossierFacets(ctx),
    'dossiers.get': ({ id }) => getDossier(ctx, id),
    'dossiers.setFollowed': (args) => runMutation(ctx, setFollowed, args),
    'dossiers.history': ({ id }) => dossierHistory(ctx, id),
    'pieces.content': ({ pieceId }) => pieceContent(ctx, pieceId),
  };
}
