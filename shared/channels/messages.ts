/**
 * The channels of messages to the applicant: templates, drafts (kept on this computer, journaled)
 * and sending (queued in the outbox: "not sent yet" until the hub confirms).
 */
import { z } from 'zod';
import { defineChannels, DossierArguments, ExpectedVersion, NoArguments } from './channel';
import { Id } from '../domain/dossier';
import { AnswerDays, Message, MessageBody, MessageContext, MessageTemplate, MessageTemplateId, MAX_MESSAGE_SUBJECT } from '../domain/message';

export * from '../domain/message';

/** A draft's subject may be empty while it is written; sending requires one. */
const DraftSubject = z.string().max(MAX_MESSAGE_SUBJECT);

export const MessageList = z.object({
  /** Newest first. */
  messages: z.array(Message),
  /** What the variables are filled from today, for the live preview. */
  context: MessageContext,
});
export type MessageList = z.infer<typeof MessageList>;

export const messageChannels = defineChannels({
  'messages.templates': {
    kind: 'query',
    args: NoArguments,
    result: z.object({ version: z.number().int(), templates: z.array(MessageTemplate) }),
    description: 'The message templates (resources/messages/templates.json).',
  },
  'messages.list': {
    kind: 'query',
    args: DossierArguments,
    result: MessageList,
    description: "A dossier's messages with their status, and the values of the template variables.",
  },
  'messages.createDraft': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, templateId: MessageTemplateId }),
    result: Message,
    description: "Starts a draft from a template, with the template's text and answer delay.",
  },
  'messages.saveDraft': {
    kind: 'mutation',
    args: z.strictObject({
      messageId: Id,
      expectedVersion: ExpectedVersion,
      subject: DraftSubject,
      body: MessageBody,
      answerDays: AnswerDays,
    }),
    result: Message,
    description: 'Saves a draft (autosave); refused when another window saved a newer version meanwhile.',
  },
  'messages.send': {
    kind: 'mutation',
    args: z.strictObject({ messageId: Id, expectedVersion: ExpectedVersion }),
    result: Message,
    description: 'Fills the variables and queues the message for the hub; it shows "not sent yet" until synced.',
  },
  'messages.discardDraft': {
    kind: 'mutation',
    args: z.strictObject({ messageId: Id, expectedVersion: ExpectedVersion }),
    result: z.object({ discarded: z.literal(true) }),
    description: 'Discards a draft that was never sent; the journal keeps its last text.',
  },
});
