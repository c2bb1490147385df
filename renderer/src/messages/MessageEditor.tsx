import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_MESSAGE_BODY,
  MAX_MESSAGE_SUBJECT,
  MESSAGE_VARIABLES,
  fillMessage,
  messageVariables,
  unknownVariables,
  type Message,
  type MessageContext,
  type MessageVariable,
} from '../../../shared/domain/message';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { RecordSaveProblem, RecordSaveState } from '../components/RecordSaveStatus';
import { useDraftAutosave } from './useDraftAutosave';

interface Props {
  message: Message;
  context: MessageContext;
  /** After it was sent or discarded: the list shows it anew. */
  onDone: () => void;
}

/** A draft: its text with variables, their values, the preview as the applicant reads it, and sending. */
export function MessageEditor({ message, context, onDone }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const draft = useDraftAutosave(message);
  const { fields, change } = draft;
  const body = useRef<HTMLTextAreaElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ErrorInfo>();

  const validDays = Number.isInteger(fields.answerDays) && fields.answerDays >= 1 && fields.answerDays <= 365;
  const values = messageVariables(context, validDays ? fields.answerDays : message.answerDays);
  const unknown = unknownVariables(`${fields.subject}\n${fields.body}`);
  const subjectMissing = fields.subject.trim() === '';
  const sendable = validDays && unknown.length === 0 && !subjectMissing && fields.body.trim() !== '';

  /** Puts `{{name}}` where the caret is in the text, and the caret after it. */
  const insert = (name: MessageVariable) => {
    const area = body.current;
    const token = `{{${name}}}`;
    const start = area?.selectionStart ?? fields.body.length;
    const end = area?.selectionEnd ?? start;
    change({ body: fields.body.slice(0, start) + token + fields.body.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const act = async (action: (version: number) => Promise<unknown>) => {
    setBusy(true);
    setActionError(undefined);
    try {
      if (await draft.saveNow()) {
        await action(draft.version());
        onDone();
      }
    } catch (failure) {
      setActionError(toErrorInfo(failure));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const send = () => act((expectedVersion) => client.call('messages.send', { messageId: message.id, expectedVersion }));
  const discard = () => act((expectedVersion) => client.call('messages.discardDraft', { messageId: message.id, expectedVersion }));

  const headingId = `message-editor-${message.id}`;
  return (
    <section className="relais-message-editor fr-p-3w fr-mb-3w" aria-labelledby={headingId}>
      <div className="relais-message-editor__head">
        <h3 id={headingId} className="fr-h5 fr-mb-0">
          {t('messages.editorTitle')}
        </h3>
        <RecordSaveState saving={draft} section="messages" />
      </div>
      <RecordSaveProblem saving={draft} section="messages" staleCode="message_stale" />

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
        <div className="fr-col-12 fr-col-lg-7">
          <Input
            label={t('messages.fields.subject')}
            state={subjectMissing ? 'error' : 'default'}
            stateRelatedMessage={subjectMissing ? t('messages.subjectRequired') : undefined}
            nativeInputProps={{ value: fields.subject, maxLength: MAX_MESSAGE_SUBJECT, onChange: (event) => change({ subject: event.target.value }) }}
          />
          <Input
            label={t('messages.fields.body')}
            textArea
            state={unknown.length > 0 ? 'error' : 'default'}
            stateRelatedMessage={unknown.length > 0 ? t('messages.unknownVariables', { names: unknown.map((name) => `{{${name}}}`).join(', ') }) : undefined}
            nativeTextAreaProps={{
              ref: body,
              value: fields.body,
              rows: 16,
              maxLength: MAX_MESSAGE_BODY,
              onChange: (event) => change({ body: event.target.value }),
            }}
          />
          <Input
            label={t('messages.fields.answerDays')}
            hintText={t('messages.fields.answerDaysHint')}
            state={validDays ? 'default' : 'error'}
            stateRelatedMessage={validDays ? undefined : t('messages.answerDaysInvalid')}
            nativeInputProps={{
              type: 'number',
              min: 1,
              max: 365,
              inputMode: 'numeric',
              value: Number.isNaN(fields.answerDays) ? '' : fields.answerDays,
              onChange: (event) => change({ answerDays: event.target.valueAsNumber }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          <h4 className="fr-h6 fr-mb-1w">{t('messages.variables.title')}</h4>
          <p className="fr-text--sm relais-secondary">{t('messages.variables.hint')}</p>
          <ul className="relais-plain-list relais-message-variables">
            {MESSAGE_VARIABLES.map((name) => (
              <li key={name}>
                <Button
                  size="small"
                  priority="tertiary"
                  iconId="fr-icon-add-line"
                  title={t('messages.variables.insert', { label: t(`messages.variables.names.${name}`) })}
                  onClick={() => insert(name)}
                >
                  <span className="relais-mono">{`{{${name}}}`}</span>
                </Button>
                <span className="fr-text--sm relais-block">{t(`messages.variables.names.${name}`)}</span>
                <span className="fr-text--xs relais-block relais-prewrap relais-secondary">{values[name]}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <section className="relais-message-preview fr-mt-2w fr-p-2w" aria-labelledby={`${headingId}-preview`}>
        <h4 id={`${headingId}-preview`} className="fr-h6 fr-mb-1v">
          {t('messages.preview')}
        </h4>
        <p className="fr-text--sm relais-secondary">{t('messages.previewHint')}</p>
        <p className="fr-text--bold" lang="fr">
          {fillMessage(fields.subject, values) || t('messages.untitled')}
        </p>
        <p className="relais-prewrap fr-mb-0" lang="fr">
          {fillMessage(fields.body, values)}
        </p>
      </section>

      {actionError && <ErrorAlert error={actionError} className="fr-mt-2w" />}
      {confirming ? (
        <div className="fr-mt-3w" role="group" aria-label={t('messages.send')}>
          <p>{t('messages.confirmText')}</p>
          <Button onClick={() => void send()} disabled={busy} iconId="fr-icon-send-plane-line" className="fr-mr-1w">
            {t('messages.confirmSend')}
          </Button>
          <Button priority="secondary" onClick={() => setConfirming(false)} disabled={busy}>
            {t('messages.cancel')}
          </Button>
        </div>
      ) : (
        <div className="fr-mt-3w">
          <Button onClick={() => setConfirming(true)} disabled={!sendable || busy} iconId="fr-icon-send-plane-line" className="fr-mr-1w">
            {t('messages.send')}
          </Button>
          <Button priority="tertiary" onClick={() => void discard()} disabled={busy} iconId="fr-icon-delete-line">
            {t('messages.discard')}
          </Button>
        </div>
      )}
    </section>
  );
}
