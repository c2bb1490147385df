import { Button } from '@codegouvfr/react-dsfr/Button';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../../shared/channels/decisions';
import { DsfrTable } from '../components/DsfrTable';
import { formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { DecisionStateBadge } from './DecisionStateBadge';

interface Props {
  decisions: readonly Decision[];
  openId: string | undefined;
  onOpen: (decisionId: string) => void;
}

/** The dossier's acts: type, state, version, and the dates of their life. */
export function DecisionList({ decisions, openId, onOpen }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <DsfrTable multiline hideCaption className="fr-mt-2w">
      <table>
        <caption>{t('decisions.ui.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('decisions.ui.columns.type')}</th>
            <th scope="col">{t('decisions.ui.columns.state')}</th>
            <th scope="col">{t('decisions.ui.columns.reference')}</th>
            <th scope="col" className="relais-number">
              {t('decisions.ui.columns.version')}
            </th>
            <th scope="col">{t('decisions.ui.columns.dates')}</th>
            <th scope="col">
              <span className="fr-sr-only">{t('decisions.ui.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((decision) => {
            const signature = decision.signatures.at(-1);
            return (
              <tr key={decision.id} aria-current={decision.id === openId ? 'true' : undefined}>
                <td>{t(`decisions.types.${decision.content.type}`)}</td>
                <td>
                  <DecisionStateBadge state={decision.state} />
                </td>
                <td>
                  {decision.content.reference}
                  <span className="relais-block fr-text--sm fr-mb-0 relais-secondary">{formatDate(decision.content.date, language)}</span>
                </td>
                <td className="relais-number">{decision.version}</td>
                <td className="fr-text--sm">
                  <span className="relais-block">{t('decisions.ui.updatedAt', { at: formatDateTime(decision.updatedAt, language) })}</span>
                  {decision.proposedAt && <span className="relais-block">{t('decisions.ui.proposedAt', { at: formatDateTime(decision.proposedAt, language) })}</span>}
                  {signature && <span className="relais-block">{t('decisions.ui.signedAt', { at: formatDateTime(signature.signedAt, language) })}</span>}
                </td>
                <td>
                  <Button
                    size="small"
                    priority={decision.id === openId ? 'primary' : 'secondary'}
                    onClick={() => onOpen(decision.id)}
                    nativeButtonProps={{ 'aria-current': decision.id === openId ? 'true' : undefined }}
                  >
                    {t('decisions.ui.open', { type: t(`decisions.types.${decision.content.type}`), reference: decision.content.reference })}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </DsfrTable>
  );
}
