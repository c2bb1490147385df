import { Input } from '@codegouvfr/react-dsfr/Input';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Typing pauses this long before the list is asked again: short enough that results show within
 * 150 ms after the last key, long enough to skip the keys of a fast typist.
 */
export const SEARCH_DEBOUNCE_MS = 60;

/** Full-text search over the dossiers and the text of their pieces, run as the user types. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (query: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const sent = useRef(value);
  // Queries this box asked for: their echoes through the address may come back after the user
  // typed further, and must not overwrite what is in the box.
  const asked = useRef(new Set([value]));

  const search = useCallback(
    (query: string) => {
      sent.current = query;
      asked.current.add(query);
      onSearch(query);
    },
    [onSearch],
  );

  // The address can change the query too (a link, a hand-edited address): the box follows it.
  useEffect(() => {
    if (!asked.current.has(value)) {
      asked.current.add(value);
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => search(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, search]);

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
            if (event.key === 'Enter' && text !== sent.current) search(text);
          },
        }}
      />
    </div>
  );
}
