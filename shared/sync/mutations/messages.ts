/** The synced change of messages: a message sent (drafts stay on the desk that wrote them). */
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from '../../domain/dossier';
import { AnswerDays, MessageBody, MessageSubject, MessageTemplateId } from '../../domain/message';
import { syncedMutation } from '../effects';
import { dossierRef, entityKey } from './keys';

export const sendMessage = syncedMutation({
  name: 'message.send',
  // The filled text and what the draft was made from: the hub delivers it, other desks list it.
  args: z.object({
    messageId: Id,
    dossierId: Id,
    templateId: MessageTemplateId,
    expectedVersion: z.number().int().min(1),
    subject: MessageSubject,
    body: MessageBody.min(1),
    answerDays: AnswerDays,
    answerBy: IsoDate,
    at: IsoDateTime,
  }),
  effects: ({ messageId, dossierId }) => ({ sets: [], inserts: [entityKey('message', messageId)], refs: [dossierRef(dossierId)], blobs: [] }),
});
