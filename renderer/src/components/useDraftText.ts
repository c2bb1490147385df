/**
 * A text kept in the case file's draft store (shared/channels/drafts.ts) while the user types,
 * through the one autosave. `initialText` is what the editor shows without a draft (a note's
 * current text, a comment saved): typing back to it drops the draft. `stored`: the draft the
 * store already holds, when the caller read it.
 */
import type { Draft } from '../../../shared/channels/drafts';
import { useClient } from '../api/ClientProvider';
import { useAutosave, type Autosave } from './useAutosave';

export function useDraftText(dossierId: string, key: string, initialText: string, delayMs: number, stored?: Pick<Draft, 'text' | 'savedAt'> | null): Autosave<string> {
  const client = useClient();
  return useAutosave<string>({
    initial: { value: stored?.text ?? initialText, version: 0, at: stored?.savedAt ?? null },
    delayMs,
    save: async (text, saved) => {
      // Nothing left to keep: the editor would open on its initial text anyway.
      if (text === initialText || text === '') {
        await client.call('drafts.discard', { dossierId, key });
        return { ...saved, value: text };
      }
      const { savedAt } = await client.call('drafts.save', { dossierId, key, text });
      return { ...saved, value: text, at: savedAt };
    },
  });
}
