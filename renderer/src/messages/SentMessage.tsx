import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { Message, MessageStatus } from '../../../shared/domain/message';
import { formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';

const SEVERITY: Record<Exclude<MessageStatus, 'draft'>, AlertProps.Severity | 'new'> = {
  not_sent: 'new',
  sent: 'success',
  rejected: 'error',
};

/** A message that left the drafts: its status until the hub confirms it, and its final text. */
export function SentMessage({ message }: { message: Message }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const status = message.status === 'draft' ? 'not_sent' : message.status;
  return (
    <li className="relais-message fr-mb-3w" data-message={message.id}>
      <p className="fr-mb-1v">
        <Badge as="span" small severity={SEVERITY[status]}>
          {t(`messages.status.${status}`)}
        </Badge>{' '}
        <span className="fr-text--bold">{message.subject}</span>
      </p>
      <p className="fr-text--sm fr-mb-1v">{t(`messages.statusHint.${status}`)}</p>
      <p className="fr-text--sm relais-secondary fr-mb-1v">
        {t('messages.queuedOn', { date: formatDateTime(message.sentAt ?? message.updatedAt, language), author: message.author })}
        {message.answerBy && ` — ${t('messages.answerBy', { date: formatDate(message.answerBy, language) })}`}
      </p>
      <details>
        <summary className="fr-text--sm">{t('messages.showText')}</summary>
        <p className="relais-prewrap fr-mt-1w fr-mb-0" lang="fr">
          {message.body}
        </p>
      </details>
    </li>
  );
}
