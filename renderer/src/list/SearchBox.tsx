import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Typing pauses this long before the list is asked again. */
export const SEARCH_DEBOUNCE_MS = 60;

/** Full-text search over the dossiers and the text of their pieces, run as the user types. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (query: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);

  // The address can change the query too (reset, reload): the box follows it.
  useEffect(() => setText(value), [value]);

  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSearch(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <div role="search" className="relais-search">
      <Input
        label={t('list.search.label')}
        hintText={t('list.search.hint')}
        iconId="fr-icon-search-line"
        nativeInputProps={{
          type: 'search',
          value: text,
          maxLength: 200,
          autoComplete: 'off',
          spellCheck: false,
          onChange: (event) => setText(event.target.value),
          onKeyDown: (event) => {
            if (event.key === 'Enter') onSearch(text);
          },
        }}
      />
    </div>
  );
}
