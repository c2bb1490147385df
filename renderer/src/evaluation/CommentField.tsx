import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { commentDraftKey, type CommentDraft } from '../../../shared/channels/evaluation';
import { MAX_EVALUATION_COMMENT } from '../../../shared/domain/evaluation';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAutosave } from '../components/useAutosave';
import { useDraftText } from '../components/useDraftText';

/** Kept on this computer shortly after each keystroke, so a crash loses at most a fraction of a second. */
const DRAFT_DELAY_MS = 300;
/** Saved in the case file (journal, outbox) once typing pauses, and at once when the field is left. */
const COMMIT_DELAY_MS = 1500;

interface Props {
  id: string;
  dossierId: string;
  criterionId: string;
  saved: string;
  /** A comment typed earlier but never saved: shown instead of the saved one, then saved. */
  draft: CommentDraft | null;
  /** Resolves false when refused (the card shows why). */
  onCommit: (text: string) => Promise<boolean>;
}

/**
 * A comment saved while it is typed, by two autosaves of the same text: a draft kept at once,
 * then the criterion's comment once typing pauses. Nothing typed is lost on close, crash or a
 * refused save (the draft still holds it).
 */
export function CommentField({ id, dossierId, criterionId, saved, draft, onCommit }: Props) {
  const { t } = useTranslation();
  const restored = draft !== null && draft.text !== saved;
  const kept = useDraftText(dossierId, commentDraftKey(criterionId), saved, DRAFT_DELAY_MS, restored ? draft : null);
  const comment = useAutosave<string>({
    initial: { value: saved, version: 0, at: null },
    delayMs: COMMIT_DELAY_MS,
    save: async (text, last) => {
      // The draft first: the criterion's save clears it, and a refused save leaves the text in it.
      await kept.saveNow();
      return (await onCommit(text)) ? { ...last, value: text, at: new Date().toISOString() } : undefined;
    },
  });
  const { change } = comment;

  // Only on mount: the parent remounts the field when the case file is reloaded.
  useEffect(() => {
    if (restored) change(draft.text);
  }, []);

  const type = (text: string) => {
    kept.change(text);
    comment.change(text);
  };

  const status = {
    pending: t('evaluation.comment.draft'),
    saving: t('evaluation.comment.saving'),
    saved: comment.savedAt ? t('evaluation.comment.saved') : null,
    failed: null,
  }[comment.status];

  return (
    <div className="relais-evaluation__comment">
      {restored && !comment.savedAt && <p className="fr-text--sm fr-mb-1w relais-secondary">{t('evaluation.comment.restored')}</p>}
      <Input
        textArea
        label={t('evaluation.comment.label')}
        hintText={t('evaluation.comment.hint')}
        nativeTextAreaProps={{
          id,
          value: comment.value,
          rows: 2,
          maxLength: MAX_EVALUATION_COMMENT,
          onChange: (event) => type(event.target.value),
          onBlur: () => void comment.saveNow(),
        }}
      />
      {kept.status === 'failed' && kept.error && <ErrorAlert error={kept.error} className="fr-mb-1w" />}
      <p className="fr-text--xs relais-secondary fr-mb-2w relais-evaluation__save-state" role="status">
        {status}
      </p>
    </div>
  );
}
