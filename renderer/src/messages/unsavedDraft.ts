/**
 * What the draft editor holds but has not saved yet, written synchronously on every change, so
 * that a reload or a crashed page in the autosave's short delay loses nothing. Kept per window
 * (session storage): two windows on one draft keep their own text. Cleared once core saved it.
 */
import { z } from 'zod';
import { AnswerDays } from '../../../shared/domain/message';

export const DraftFields = z.object({ subject: z.string(), body: z.string(), answerDays: AnswerDays });
export type DraftFields = z.infer<typeof DraftFields>;

const Unsaved = z.object({ version: z.number().int(), fields: DraftFields });
export type Unsaved = z.infer<typeof Unsaved>;

const keyOf = (messageId: string) => `relais.message.unsaved.${messageId}`;

export function readUnsaved(messageId: string): Unsaved | null {
  try {
    const parsed = Unsaved.safeParse(JSON.parse(sessionStorage.getItem(keyOf(messageId)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeUnsaved(messageId: string, unsaved: Unsaved): void {
  try {
    sessionStorage.setItem(keyOf(messageId), JSON.stringify(unsaved));
  } catch {
    // A full or disabled storage only loses this safety net; the autosave still runs.
  }
}

export function clearUnsaved(messageId: string): void {
  sessionStorage.removeItem(keyOf(messageId));
}
