/**
 * What the draft editor holds but has not saved yet, written on every change so that a reload or
 * a crashed page in the autosave's short delay loses nothing. Cleared once core saved it.
 */
import { z } from 'zod';
import { AnswerDays } from '../../../shared/domain/message';
import { sessionValue } from '../instruction/sessionValue';

export const DraftFields = z.object({ subject: z.string(), body: z.string(), answerDays: AnswerDays });
export type DraftFields = z.infer<typeof DraftFields>;

const Unsaved = z.object({ version: z.number().int(), fields: DraftFields });

export const unsavedDraft = (messageId: string) => sessionValue(`relais.message.unsaved.${messageId}`, Unsaved);
