/** The handlers of shared/channels/messages.ts. */
import type { messageChannels } from '../../../shared/channels/messages';
import { parisDate } from '../../../shared/domain/dates';
import { answerByDate, fillMessage, messageVariables, unknownVariables, type MessageContext } from '../../../shared/domain/message';
import { RelaisError } from '../../../shared/errors';
import { missingPieceKinds } from '../../../shared/rules/checks/required-pieces';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { storedDossier } from '../instruction/facts';
import { runMutation } from '../mutations';
import { createDraft, discardDraft, saveDraft, sendMessage } from './mutations';
import { findMessage, messagesOf } from './store';
import { loadMessageTemplates } from './templates';

function messageContext(ctx: CoreContext, dossierId: string): MessageContext {
  const { dossier } = storedDossier(ctx.db, dossierId);
  return {
    company: dossier.demandeur.raisonSociale,
    dossierNumber: dossier.number,
    projectTitle: dossier.projet.title,
    instructorName: ctx.actor.name,
    missingPieces: missingPieceKinds(dossier.pieces),
    today: parisDate(ctx.clock()),
  };
}

/** Fills the draft's variables as of today, refusing a text the applicant should not receive as it is. */
function send(ctx: CoreContext, messageId: string, expectedVersion: number) {
  const { message } = findMessage(ctx.db, messageId);
  const subject = message.subject.trim();
  if (subject === '') throw new RelaisError('message_subject_missing');
  if (message.body.trim() === '') throw new RelaisError('message_body_missing');
  const unknown = unknownVariables(`${message.subject}\n${message.body}`);
  if (unknown.length > 0) throw new RelaisError('message_unknown_variable', { name: unknown[0]! });
  const context = messageContext(ctx, message.dossierId);
  const variables = messageVariables(context, message.answerDays);
  return runMutation(ctx, sendMessage, {
    messageId,
    dossierId: message.dossierId,
    templateId: message.templateId,
    expectedVersion,
    subject: fillMessage(subject, variables),
    body: fillMessage(message.body, variables),
    answerDays: message.answerDays,
    answerBy: answerByDate(context.today, message.answerDays),
    at: ctx.clock().toISOString(),
  });
}

export function messageHandlers(ctx: CoreContext): HandlersOf<typeof messageChannels> {
  return {
    'messages.templates': () => loadMessageTemplates(),
    'messages.list': ({ dossierId }) => ({
      messages: messagesOf(ctx.db, storedDossier(ctx.db, dossierId).seq),
      context: messageContext(ctx, dossierId),
    }),
    'messages.createDraft': (args) => runMutation(ctx, createDraft, { messageId: ctx.newId(), ...args }),
    'messages.saveDraft': (args) => runMutation(ctx, saveDraft, args),
    'messages.send': ({ messageId, expectedVersion }) => send(ctx, messageId, expectedVersion),
    'messages.discardDraft': (args) => runMutation(ctx, discardDraft, args),
  };
}
