import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionPdf } from '../../../shared/channels/decisions';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { usePdfViewerModule } from '../pdf/loadPdfViewer';

interface Props {
  decisionId: string;
  /** The saved version to show: a newer one renders the act again. */
  version: number;
  /** Receives the PDF once read (for a download link). */
  onLoaded?: (pdf: DecisionPdf) => void;
}

/**
 * The act's PDF in the desk's viewer: exactly what will be signed while unsigned (rendered from
 * the saved content), the stored signed PDF once signed.
 */
export function DecisionPdfView({ decisionId, version, onLoaded }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const viewer = usePdfViewerModule();
  const [pdf, setPdf] = useState<DecisionPdf>();
  const [error, setError] = useState<ErrorInfo>();
  const [attempt, setAttempt] = useState(0);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  useEffect(() => {
    let current = true;
    setError(undefined);
    client.call('decisions.preview', { id: decisionId }).then(
      (loaded) => {
        if (!current) return;
        setPdf(loaded);
        onLoadedRef.current?.(loaded);
      },
      (failure: unknown) => current && setError(toErrorInfo(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, decisionId, version, attempt]);

  if (error) return <ErrorAlert error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!pdf || !viewer) return <p role="status">{t('decisions.ui.preview.loading')}</p>;
  return <viewer.default source={{ base64: pdf.base64 }} name={pdf.fileName} />;
}
