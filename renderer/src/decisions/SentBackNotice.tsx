import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../../shared/channels/decisions';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';

/** A proposal that came back as a draft: the signataire's comment, or that the dossier changed under it. */
export function SentBackNotice({ sentBack }: { sentBack: NonNullable<Decision['sentBack']> }) {
  const { t } = useTranslation();
  const at = formatDateTime(sentBack.at, currentLanguage());
  return (
    <Alert
      className="fr-mb-3w"
      severity="warning"
      title={sentBack.dossierChanged ? t('decisions.ui.sentBack.dossierChangedTitle') : t('decisions.ui.sentBack.title', { by: sentBack.by, at })}
      description={
        sentBack.dossierChanged ? (
          <span>{t('decisions.ui.sentBack.dossierChanged', { at })}</span>
        ) : (
          <>
            <span className="relais-block">{t('decisions.ui.sentBack.commentLabel')}</span>
            <q className="relais-block relais-prewrap fr-mt-1v">
              {sentBack.comment}
            </q>
          </>
        )
      }
    />
  );
}
