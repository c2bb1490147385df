import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { currentLanguage } from '../i18n';

/** The interface language and a way to change it that also records the choice in the case file. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const client = useClient();
  const [error, setError] = useState<ErrorInfo>();

  const setLanguage = useCallback(
    async (language: Language) => {
      setError(undefined);
      await i18n.changeLanguage(language);
      try {
        await client.call('preferences.setLanguage', { language });
      } catch (failure) {
        setError(toErrorInfo(failure));
      }
    },
    [client, i18n],
  );

  return { language: currentLanguage(), setLanguage, error };
}
