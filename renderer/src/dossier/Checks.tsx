import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { CheckStatus, DossierCheck } from '../../../shared/domain/checks';
import { checkSentence } from '../../../shared/rules/checks/sentence';
import { DueDate } from '../components/DueDate';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';

const SEVERITY: Record<CheckStatus, AlertProps.Severity> = {
  ok: 'success',
  warning: 'warning',
  failed: 'error',
  to_check: 'info',
};

function Check({ check }: { check: DossierCheck }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { daysLeft } = check.params;
  return (
    <li className={`relais-check relais-check--${check.status}`} data-check={check.id}>
      <p className="relais-check__title fr-mb-1v">
        <Badge as="span" small severity={SEVERITY[check.status]}>
          {t(`checks.status.${check.status}`)}
        </Badge>
        <span className="fr-text--bold">{t(`checks.names.${check.id}`)}</span>
      </p>
      <p className="fr-mb-1v">{checkSentence(t, check, language)}</p>
      {check.due && (
        <div className="relais-check__due fr-mb-1v">
          <span>{t('checks.due')}</span>
          {/* Days left only while the delay runs; a met deadline keeps its date. */}
          {typeof daysLeft === 'number' ? (
            <DueDate due={check.due} daysLeft={daysLeft} t={t} language={language} />
          ) : (
            <span>{formatDate(check.due, language)}</span>
          )}
        </div>
      )}
      <p className="fr-text--sm relais-secondary fr-mb-0">{t('deadlines.basis', { basis: check.basis })}</p>
    </li>
  );
}

/** The dossier's legal checks: verdict, explanation, due date and legal basis of each. */
export function Checks({ checks }: { checks: DossierCheck[] }) {
  return (
    <ul className="relais-plain-list">
      {checks.map((check) => (
        <Check key={check.id} check={check} />
      ))}
    </ul>
  );
}
