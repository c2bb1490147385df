import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { SignProgress } from '../../../shared/channels/decisions';
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from '../../../shared/errors';
import { describeError } from '../../../shared/i18n';

interface Props {
  progress: SignProgress;
  decisions: readonly { id: string; label: string }[];
  /** The one decision was countersigned, not signed. */
  countersign?: boolean;
}

/** A batch failure as the catalogue's error data (a code this desk does not know reads as an unexpected error). */
export function failureInfo(failure: SignProgress['failed'][number]): ErrorInfo {
  const known = (ERROR_CODES as readonly string[]).includes(failure.code);
  return known ? { code: failure.code as ErrorCode, params: failure.params } : { code: 'internal', params: { message: failure.code } };
}

/** What the batch did: how many were signed, and each one left unsigned with the reason as a sentence. */
export function SignSummary({ progress, decisions, countersign = false }: Props) {
  const { t, i18n } = useTranslation();
  const translate = i18n.t.bind(i18n) as unknown as Parameters<typeof describeError>[0];
  const labelOf = (id: string) => decisions.find((decision) => decision.id === id)?.label ?? id;
  return (
    <div className="fr-mt-2w">
      {progress.done > 0 && <Alert severity="success" small description={countersign ? t('decisions.ui.countersign.signed') : t('decisions.ui.sign.signed', { count: progress.done })} className="fr-mb-2w" />}
      {progress.failed.length > 0 && (
        <Alert
          severity="error"
          title={t('decisions.ui.sign.failedTitle', { count: progress.failed.length })}
          description={
            <ul>
              {progress.failed.map((failure) => (
                <li key={failure.id}>
                  {t('decisions.ui.sign.failedItem', {
                    decision: labelOf(failure.id),
                    reason: describeError(translate, failureInfo(failure)),
                  })}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
