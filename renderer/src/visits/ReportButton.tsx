import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { saveExportedFile } from '../exports/download';
import { currentLanguage } from '../i18n';

/** Downloads the printable visit report, in the interface language. */
export function ReportButton({ visitId, beforeDownload }: { visitId: string; beforeDownload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();

  async function download() {
    setBusy(true);
    setError(undefined);
    try {
      // The report shows what is on screen: what is still waiting is saved first.
      await beforeDownload();
      const report = await client.call('visits.reportPdf', { visitId, language: currentLanguage() });
      saveExportedFile({ name: report.fileName, mimeType: report.mimeType, base64: report.base64, sizeBytes: report.sizeBytes });
    } catch (failure) {
      setError(toErrorInfo(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Button priority="secondary" iconId="fr-icon-file-pdf-line" disabled={busy} onClick={() => void download()}>
        {t('visits.report.download')}
      </Button>
      <span role="status" className="fr-text--sm fr-ml-1w">
        {busy ? t('visits.report.preparing') : ''}
      </span>
      {error && <ErrorAlert error={error} onRetry={() => void download()} className="fr-mt-1w" />}
    </div>
  );
}
