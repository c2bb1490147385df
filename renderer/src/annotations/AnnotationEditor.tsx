import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ANNOTATION_TEXT } from '../../../shared/domain/annotation';
import type { ErrorInfo } from '../../../shared/errors';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { useDraft } from './useDraft';

interface Props {
  dossierId: string;
  /** Names the editor's draft, e.g. `annotation:note:new` or `annotation:edit:<annotation id>`. */
  draftKey: string;
  label: string;
  initialText?: string;
  /** Saves the annotation and clears the draft named `draftKey` in the same mutation. */
  onSave: (text: string, draftKey: string) => Promise<unknown>;
  onClose: () => void;
  /** Reads the annotation again (offered when a newer version was saved elsewhere); the text typed stays. */
  onReload?: () => void;
}

/**
 * A textarea whose text is kept as a draft while typing. A failed save (a newer version saved
 * from another window, a full disk) keeps the text on screen and in the draft.
 */
export function AnnotationEditor({ dossierId, draftKey, label, initialText = '', onSave, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const ids = useId();
  const draft = useDraft(dossierId, draftKey, initialText);
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await draft.settle();
      await onSave(draft.text, draftKey);
      onClose();
    } catch (failure) {
      setError(toErrorInfo(failure));
      // The draft keeps what could not be saved.
      draft.change(draft.text);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    // A draft that could not be dropped only reopens next time: closing must still work.
    await draft.discard().catch(() => undefined);
    onClose();
  };

  const { status } = draft;
  const statusText =
    status.state === 'saving'
      ? t('annotations.draft.saving')
      : status.state === 'saved'
        ? t('annotations.draft.saved', { time: formatDateTime(status.at, currentLanguage()) })
        : status.state === 'restored'
          ? t('annotations.draft.restored')
          : '';

  return (
    <form
      className="relais-annotation-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        // Ctrl+Enter saves, as in most comment boxes (no key discards: only the Cancel button does).
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save();
      }}
    >
      <Input
        textArea
        label={label}
        disabled={!draft.ready}
        nativeTextAreaProps={{
          ref: area,
          value: draft.text,
          maxLength: MAX_ANNOTATION_TEXT,
          rows: 4,
          onChange: (event) => draft.change(event.target.value),
          'aria-describedby': `${ids}-status`,
        }}
      />
      <p id={`${ids}-status`} role="status" className="fr-text--xs relais-secondary fr-mb-1w" data-testid="draft-status">
        {statusText}
      </p>
      {status.state === 'failed' && <ErrorAlert error={status.error} className="fr-mb-2w" />}
      {error && (
        <ErrorAlert
          error={error}
          className="fr-mb-2w"
          onRetry={
            error.code === 'annotation_stale' && onReload
              ? () => {
                  setError(undefined);
                  onReload();
                }
              : undefined
          }
        />
      )}
      <div className="relais-annotation-editor__actions">
        <Button type="submit" size="small" iconId="fr-icon-save-line" disabled={busy || !draft.ready || draft.text.trim() === ''}>
          {t('annotations.save')}
        </Button>
        <Button type="button" size="small" priority="secondary" onClick={() => void cancel()}>
          {t('annotations.cancel')}
        </Button>
      </div>
    </form>
  );
}
