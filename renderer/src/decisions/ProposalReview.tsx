import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MAX_DECISION_TEXT, type QueuedDecision } from '../../../shared/channels/decisions';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { sessionValue } from '../components/sessionValue';
import { DecisionPdfView } from './DecisionPdfView';

interface Props {
  item: QueuedDecision;
  label: string;
  onSign: () => void;
  onSentBack: () => void;
}

/** One proposal under review: its PDF as it will be signed, then sign it or send it back with a comment. */
export function ProposalReview({ item, label, onSign, onSentBack }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const { decision } = item;
  const heading = useRef<HTMLHeadingElement>(null);
  // The comment waits in session storage until it is sent: a reload does not lose it.
  const [kept] = useState(() => sessionValue(`relais.decision.sendBack.${decision.id}`, z.string()));
  const [comment, setComment] = useState(() => kept.read() ?? '');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  useEffect(() => heading.current?.focus(), []);

  async function sendBack(event: FormEvent) {
    event.preventDefault();
    if (comment.trim() === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await client.call('decisions.sendBack', { id: decision.id, expectedVersion: decision.version, comment });
      kept.clear();
      onSentBack();
    } catch (failure) {
      setError(toErrorInfo(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="relais-proposal-review fr-mt-4w" aria-labelledby="proposal-review-title">
      <h2 id="proposal-review-title" ref={heading} tabIndex={-1} className="fr-h4">
        {t('decisions.ui.toSign.reviewTitle', { label })}
      </h2>
      <div className="relais-decision-columns relais-decision-columns--preview">
        <DecisionPdfView decisionId={decision.id} version={decision.version} />
        <div>
          <Button iconId="fr-icon-edit-line" onClick={onSign} className="fr-mb-4w">
            {t('decisions.ui.toSign.signOne')}
          </Button>
          <form onSubmit={(event) => void sendBack(event)} noValidate>
            <Input
              label={t('decisions.ui.toSign.comment')}
              hintText={t('decisions.ui.toSign.commentHint')}
              textArea
              state={missing ? 'error' : 'default'}
              stateRelatedMessage={missing ? t('decisions.ui.toSign.commentRequired') : undefined}
              nativeTextAreaProps={{
                value: comment,
                rows: 5,
                maxLength: MAX_DECISION_TEXT,
                required: true,
                onChange: (event) => {
                  setComment(event.target.value);
                  kept.write(event.target.value);
                  setMissing(false);
                },
              }}
            />
            {error && <ErrorAlert error={error} className="fr-mb-2w" />}
            <Button type="submit" priority="secondary" iconId="fr-icon-arrow-go-back-line" disabled={busy}>
              {t('decisions.ui.toSign.sendBack')}
            </Button>
          </form>
        </div>
      </div>
    </section>
  );
}
