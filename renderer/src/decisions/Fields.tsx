import { Input } from '@codegouvfr/react-dsfr/Input';
import { MAX_DECISION_TEXT } from '../../../shared/domain/decision';
import { fieldState } from './contentErrors';

interface FieldProps {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  /** What is wrong with the value, if anything. */
  error: string | undefined;
}

/** One line of an act (a name, a reference), or a date. */
export function LineField({ label, hint, value, onChange, error, type }: FieldProps & { type?: 'date' }) {
  return (
    <Input
      label={label}
      hintText={hint}
      {...fieldState(error)}
      nativeInputProps={{ type, value, maxLength: type ? undefined : 300, onChange: (event) => onChange(event.target.value) }}
    />
  );
}

/** A text block of an act (reasons, payment terms, remarks). */
export function TextField({ label, hint, value, onChange, error, rows = 4 }: FieldProps & { rows?: number }) {
  return (
    <Input
      label={label}
      hintText={hint}
      textArea
      {...fieldState(error)}
      nativeTextAreaProps={{ value, rows, maxLength: MAX_DECISION_TEXT, onChange: (event) => onChange(event.target.value) }}
    />
  );
}
