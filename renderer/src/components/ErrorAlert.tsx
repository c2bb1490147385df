import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { describeError } from '../../../shared/i18n';

interface Props {
  error: ErrorInfo;
  /** Offered as a "try again" button when the failed action can simply be repeated. */
  onRetry?: () => void;
  className?: string;
}

/** A failure as a sentence that says what happened and what to do, in the user's language. */
export function ErrorAlert({ error, onRetry, className }: Props) {
  const { t, i18n } = useTranslation();
  // Error keys are built from the code at run time, beyond what the typed `t` can check.
  const translate = i18n.t.bind(i18n) as unknown as Parameters<typeof describeError>[0];
  const sentence = describeError(translate, error);
  return (
    <Alert
      className={className}
      severity="error"
      role="alert"
      title={t('common.errorTitle')}
      description={
        <>
          <span>{sentence}</span>
          {onRetry && (
            <span className="fr-mt-2w relais-block">
              <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            </span>
          )}
        </>
      }
    />
  );
}
