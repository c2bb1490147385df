/** The synced preference of a user: the interface language, the same on each of their desks. */
import { z } from 'zod';
import { Language } from '../../channels/desk';
import { setsOnly, syncedMutation } from '../effects';
import { HUB_ROLES } from '../protocol';

export const setLanguage = syncedMutation({
  name: 'preferences.setLanguage',
  args: z.object({ language: Language }),
  effects: ({ language }) => setsOnly([{ key: 'user:language', value: language }], { personal: true, roles: HUB_ROLES }),
});
