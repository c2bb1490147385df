/**
 * The message draft's autosave (components/useAutosave.ts): subject, body and answer delay, saved
 * as the draft message over the version it started from. A delay that is not a number yet waits
 * for the user instead of failing the save.
 */
import { useCallback } from 'react';
import { z } from 'zod';
import { AnswerDays, type Message } from '../../../shared/domain/message';
import { useClient } from '../api/ClientProvider';
import { useAutosave, type Autosave, type Saved } from '../components/useAutosave';

const DraftFields = z.object({ subject: z.string(), body: z.string(), answerDays: AnswerDays });
type DraftFields = z.infer<typeof DraftFields>;

const savedOf = (message: Message): Saved<DraftFields> => ({
  value: { subject: message.subject, body: message.body, answerDays: message.answerDays },
  version: message.version,
  at: message.updatedAt,
});

export interface DraftAutosave extends Omit<Autosave<DraftFields>, 'value' | 'change' | 'savedAt'> {
  fields: DraftFields;
  savedAt: string;
  change(patch: Partial<DraftFields>): void;
}

export function useDraftAutosave(message: Message): DraftAutosave {
  const client = useClient();
  const autosave = useAutosave<DraftFields>({
    initial: savedOf(message),
    session: { key: `relais.message.unsaved.${message.id}`, schema: DraftFields },
    savable: (fields) => Number.isInteger(fields.answerDays),
    save: async (fields, saved) => savedOf(await client.call('messages.saveDraft', { messageId: message.id, expectedVersion: saved.version, ...fields })),
    latest: async () => {
      const { messages } = await client.call('messages.list', { dossierId: message.dossierId });
      const theirs = messages.find((candidate) => candidate.id === message.id);
      return theirs && savedOf(theirs);
    },
  });
  const { change } = autosave;
  const patch = useCallback((fields: Partial<DraftFields>) => change((current) => ({ ...current, ...fields })), [change]);
  return { ...autosave, fields: autosave.value, savedAt: autosave.savedAt ?? message.updatedAt, change: patch };
}
