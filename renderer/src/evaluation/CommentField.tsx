import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_EVALUATION_COMMENT } from '../../../shared/domain/evaluation';

/** Kept on this computer shortly after each keystroke, so a crash loses at most a fraction of a second. */
const DRAFT_DELAY_MS = 300;
/** Saved in the case file (journal, outbox) once typing pauses, and at once when the field is left. */
const COMMIT_DELAY_MS = 1500;

type SaveState = 'idle' | 'pending' | 'saving' | 'saved';

interface Props {
  id: string;
  saved: string;
  /** A comment typed earlier but never saved: shown instead of the saved one, then saved. */
  draft: string | null;
  onDraft: (text: string) => Promise<void>;
  onCommit: (text: string) => Promise<boolean>;
}

/** A comment saved while it is typed: nothing typed is lost on close, crash or a refused save. */
export function CommentField({ id, saved, draft, onDraft, onCommit }: Props) {
  const { t } = useTranslation();
  const restored = draft !== null && draft !== saved;
  const [text, setText] = useState(restored ? draft : saved);
  const [state, setState] = useState<SaveState>(restored ? 'pending' : 'idle');
  const committed = useRef(saved);
  const latest = useRef(text);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const commitTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const commit = async () => {
    clearTimeout(commitTimer.current);
    const value = latest.current;
    if (value === committed.current) return;
    setState('saving');
    const ok = await onCommit(value);
    if (ok) committed.current = value;
    // Typing went on during the save: the newer text waits for its own save.
    setState(latest.current !== committed.current ? 'pending' : ok ? 'saved' : 'idle');
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    if (restored) commitTimer.current = setTimeout(() => void commitRef.current(), COMMIT_DELAY_MS);
    return () => {
      clearTimeout(draftTimer.current);
      // Leaving the tab saves what was typed (the draft already holds it if this fails).
      void commitRef.current();
    };
    // Only on mount and unmount: the parent remounts the field when the case file is reloaded.
  }, []);

  const change = (value: string) => {
    setText(value);
    latest.current = value;
    setState('pending');
    clearTimeout(draftTimer.current);
    clearTimeout(commitTimer.current);
    draftTimer.current = setTimeout(() => void onDraft(value), DRAFT_DELAY_MS);
    commitTimer.current = setTimeout(() => void commitRef.current(), COMMIT_DELAY_MS);
  };

  const status = {
    idle: null,
    pending: t('evaluation.comment.draft'),
    saving: t('evaluation.comment.saving'),
    saved: t('evaluation.comment.saved'),
  }[state];

  return (
    <div className="relais-evaluation__comment">
      {restored && state !== 'saved' && <p className="fr-text--sm fr-mb-1w relais-secondary">{t('evaluation.comment.restored')}</p>}
      <Input
        textArea
        label={t('evaluation.comment.label')}
        hintText={t('evaluation.comment.hint')}
        nativeTextAreaProps={{
          id,
          value: text,
          rows: 2,
          maxLength: MAX_EVALUATION_COMMENT,
          onChange: (event) => change(event.target.value),
          onBlur: () => void commit(),
        }}
      />
      <p className="fr-text--xs relais-secondary fr-mb-2w relais-evaluation__save-state" role="status">
        {status}
      </p>
    </div>
  );
}
