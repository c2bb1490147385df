/**
 * The mutations of messages. Drafts stay on this computer (journaled, not sent to the hub); sending
 * queues the filled message in the outbox, which is what the hub will deliver.
 */
import { z } from 'zod';
import { Id } from '../../../shared/domain/dossier';
import { AnswerDays, MAX_MESSAGE_SUBJECT, MessageBody, MessageTemplateId, type Message } from '../../../shared/domain/message';
import { messages } from '../../../shared/sync/mutations';
import { defineMutation, defineSyncedMutation } from '../mutations';
import { storedDossier } from '../instruction/facts';
import { deleteMessage, editableDraft, insertMessage, updateMessage } from './store';
import { messageTemplate } from './templates';

export const createDraft = defineMutation({
  name: 'message.createDraft',
  args: z.object({ messageId: Id, dossierId: Id, templateId: MessageTemplateId }),
  outbox: false,
  apply(ctx, { messageId, dossierId, templateId }) {
    const { seq } = storedDossier(ctx.db, dossierId);
    const template = messageTemplate(templateId);
    const now = ctx.clock().toISOString();
    const message: Message = {
      id: messageId,
      dossierId,
      templateId,
      subject: template.subject,
      body: template.body,
      answerDays: template.answerDays,
      version: 1,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
      sentAt: null,
      answerBy: null,
      author: ctx.actor.name,
    };
    insertMessage(ctx.db, seq, message);
    return { dossierId, before: null, after: { templateId, messageStatus: 'draft' }, result: message };
  },
});

export const saveDraft = defineMutation({
  name: 'message.saveDraft',
  // The journal keeps the arguments, so each saved version of the text can be read again.
  args: z.object({
    messageId: Id,
    expectedVersion: z.number().int().min(1),
    subject: z.string().max(MAX_MESSAGE_SUBJECT),
    body: MessageBody,
    answerDays: AnswerDays,
  }),
  outbox: false,
  apply(ctx, { messageId, expectedVersion, subject, body, answerDays }) {
    const { message } = editableDraft(ctx.db, messageId, expectedVersion);
    const saved: Message = { ...message, subject, body, answerDays, version: message.version + 1, updatedAt: ctx.clock().toISOString() };
    updateMessage(ctx.db, saved);
    return { dossierId: message.dossierId, before: { version: message.version }, after: { version: saved.version }, result: saved };
  },
});

/** What sending writes, from the arguments alone: the same on the desk that sent it and on the others. */
function sentMessage(base: Pick<Message, 'id' | 'dossierId' | 'templateId' | 'version' | 'createdAt' | 'author'>, args: z.infer<typeof messages.sendMessage.args>): Message {
  const { subject, body, answerDays, answerBy, at } = args;
  return { ...base, subject, body, answerDays, answerBy, version: base.version + 1, status: 'not_sent', updatedAt: at, sentAt: at };
}

export const sendMessage = defineSyncedMutation(messages.sendMessage, {
  // The filled text travels in the arguments: the outbox entry is what the hub delivers.
  apply(ctx, args) {
    const { messageId: id, dossierId, templateId, expectedVersion, subject, answerBy, at } = args;
    if (ctx.origin === 'hub') {
      // Sent from another desk: its draft was never here.
      const sent = sentMessage({ id, dossierId, templateId, version: expectedVersion, createdAt: at, author: ctx.actor.name }, args);
      insertMessage(ctx.db, storedDossier(ctx.db, dossierId).seq, sent);
      return { dossierId, before: null, after: { messageStatus: 'sent', subject, answerBy }, result: sent };
    }
    const { message } = editableDraft(ctx.db, id, expectedVersion);
    const sent = sentMessage(message, args);
    updateMessage(ctx.db, sent);
    return {
      dossierId: message.dossierId,
      before: { messageStatus: 'draft' },
      after: { messageStatus: 'not_sent', subject, answerBy },
      // The outbox row is written right after, in the same transaction: 'waiting' is 'not_sent'.
      result: sent,
    };
  },
});

export const discardDraft = defineMutation({
  name: 'message.discardDraft',
  args: z.object({ messageId: Id, expectedVersion: z.number().int().min(1) }),
  outbox: false,
  apply(ctx, { messageId, expectedVersion }) {
    const { message } = editableDraft(ctx.db, messageId, expectedVersion);
    deleteMessage(ctx.db, messageId);
    return {
      dossierId: message.dossierId,
      before: { messageStatus: 'draft', subject: message.subject, body: message.body },
      after: null,
      result: { discarded: true as const },
    };
  },
});
