/** The user's interface preferences; only the language for now, French by default. */
import { Language } from '../../shared/contract';
import { preferences } from '../../shared/sync/mutations';
import type { CoreContext } from './context';
import { statementsFor } from './db/statements';
import { defineSyncedMutation } from './mutations';

const LANGUAGE_KEY = 'language';
const DEFAULT_LANGUAGE: Language = 'fr';

const statements = statementsFor((db) => ({
  get: db.prepare<[string], string>('SELECT value FROM preference WHERE key = ?').pluck(),
  set: db.prepare<[string, string]>(
    'INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
}));

export function getPreferences(ctx: CoreContext): { language: Language } {
  const stored = Language.safeParse(statements(ctx.db).get.get(LANGUAGE_KEY));
  return { language: stored.success ? stored.data : DEFAULT_LANGUAGE };
}

export const setLanguage = defineSyncedMutation(preferences.setLanguage, {
  apply(ctx, { language }) {
    const before = getPreferences(ctx).language;
    statements(ctx.db).set.run(LANGUAGE_KEY, language);
    return { dossierId: null, before: { language: before }, after: { language }, result: { language } };
  },
});
