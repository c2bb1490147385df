import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<T> {
  label: ReactNode;
  hint?: ReactNode;
  value: T;
  format(value: T): string;
  /** The value the text means, or null while it means none (half typed, mistyped). */
  parse(text: string): T | null;
  onChange(value: T): void;
  /** What the content's schema says of the value, once parsed. */
  error?: string;
  textArea?: boolean;
  inputMode?: 'decimal' | 'numeric';
  className?: string;
}

/**
 * A field whose text stands for a value of another shape (euros for cents, lines for a list):
 * the text stays as typed while it means nothing yet, and follows the value when it changes
 * from elsewhere (another window's version taken, a computed amount applied).
 */
export function TextValueInput<T>({ label, hint, value, format, parse, onChange, error, textArea, inputMode, className }: Props<T>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(() => ({ text: format(value), value }));
  if (JSON.stringify(shown.value) !== JSON.stringify(value)) setShown({ text: format(value), value });
  const unreadable = parse(shown.text) === null;

  const type = (text: string) => {
    const next = parse(text);
    setShown({ text, value: next ?? shown.value });
    if (next !== null) onChange(next);
  };
  const message = unreadable ? t('decisions.ui.invalid.unreadable') : error;
  const common = { label, hintText: hint, className, state: message ? ('error' as const) : ('default' as const), stateRelatedMessage: message };
  return textArea ? (
    <Input {...common} textArea nativeTextAreaProps={{ value: shown.text, rows: 4, onChange: (event) => type(event.target.value) }} />
  ) : (
    <Input {...common} nativeInputProps={{ value: shown.text, inputMode, onChange: (event) => type(event.target.value) }} />
  );
}
