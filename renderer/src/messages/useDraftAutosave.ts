/**
 * The message draft's autosave (components/useRecordAutosave.ts): subject, body and answer delay,
 * saved as the draft message over the version it started from. A delay that is not a number yet
 * waits for the user instead of failing the save.
 */
import { z } from 'zod';
import { AnswerDays, type Message } from '../../../shared/domain/message';
import { useClient } from '../api/ClientProvider';
import { useRecordAutosave, type RecordAutosave } from '../components/useRecordAutosave';

const DraftFields = z.object({ subject: z.string(), body: z.string(), answerDays: AnswerDays });
type DraftFields = z.infer<typeof DraftFields>;

export type DraftAutosave = RecordAutosave<DraftFields>;

export function useDraftAutosave(message: Message): DraftAutosave {
  const client = useClient();
  return useRecordAutosave(message, {
    sessionPrefix: 'relais.message.unsaved',
    schema: DraftFields,
    fieldsOf: ({ subject, body, answerDays }): DraftFields => ({ subject, body, answerDays }),
    savable: (fields) => Number.isInteger(fields.answerDays),
    save: (fields, saved) => client.call('messages.saveDraft', { messageId: message.id, expectedVersion: saved.version, ...fields }),
    latest: async () => (await client.call('messages.list', { dossierId: message.dossierId })).messages.find((candidate) => candidate.id === message.id),
  });
}
