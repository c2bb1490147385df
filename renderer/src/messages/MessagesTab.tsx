import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTemplateId } from '../../../shared/domain/message';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { currentLanguage } from '../i18n';
import { MessageEditor } from './MessageEditor';
import { SentMessage } from './SentMessage';
import './messages.css';

/** The dossier's messages to the applicant: a new draft from a template, the drafts, the sent ones. */
export function MessagesTab({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const list = useCall('messages.list', { dossierId });
  const templates = useCall('messages.templates', {});
  const [templateId, setTemplateId] = useState<MessageTemplateId>('pieces_manquantes');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const language = currentLanguage();

  const create = async () => {
    setCreating(true);
    setError(undefined);
    try {
      await client.call('messages.createDraft', { dossierId, templateId });
      list.reload();
    } catch (failure) {
      setError(toErrorInfo(failure));
    } finally {
      setCreating(false);
    }
  };

  const messages = list.data?.messages ?? [];
  const drafts = messages.filter((message) => message.status === 'draft');
  const sent = messages.filter((message) => message.status !== 'draft');

  return (
    <div className="relais-messages">
      <h2 className="fr-h4">{t('messages.title')}</h2>
      <p>{t('messages.intro')}</p>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {templates.error && <ErrorAlert error={templates.error} onRetry={templates.reload} />}

      {templates.data && (
        <section className="fr-mb-4w" aria-labelledby="messages-new">
          <h3 id="messages-new" className="fr-h5">
            {t('messages.newTitle')}
          </h3>
          <RadioButtons
            legend={t('messages.template')}
            name="message-template"
            orientation="horizontal"
            options={templates.data.templates.map((template) => ({
              label: template.label[language],
              nativeInputProps: { value: template.id, checked: templateId === template.id, onChange: () => setTemplateId(template.id) },
            }))}
          />
          <Button onClick={() => void create()} disabled={creating} iconId="fr-icon-edit-line">
            {t('messages.create')}
          </Button>
          {error && <ErrorAlert error={error} className="fr-mt-2w" />}
        </section>
      )}

      {list.data && (
        <>
          {drafts.map((message) => (
            <MessageEditor key={message.id} message={message} context={list.data!.context} onDone={list.reload} />
          ))}
          <section aria-labelledby="messages-list">
            <h3 id="messages-list" className="fr-h5">
              {t('messages.listTitle')}
            </h3>
            {sent.length === 0 ? (
              <p>{t('messages.empty')}</p>
            ) : (
              <ul className="relais-plain-list">
                {sent.map((message) => (
                  <SentMessage key={message.id} message={message} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {!list.data && !list.error && <p role="status">{t('common.loading')}</p>}
    </div>
  );
}
