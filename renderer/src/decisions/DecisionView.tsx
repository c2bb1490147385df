import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision, DecisionPdf } from '../../../shared/channels/decisions';
import { useCall } from '../api/useCall';
import { saveExportedFile } from '../exports/download';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { DecisionPdfView } from './DecisionPdfView';
import { SignDialog } from './SignDialog';
import { Signatures } from './Signatures';
import { VerificationPanel } from './VerificationPanel';

/**
 * A decision that is no longer a draft, as it stands: a proposal waiting for its signature, or
 * the signed act with its signatures, its PDF to read and download, and their verification; a
 * signataire may countersign it (a second authority), which reads the act again afterwards.
 */
export function DecisionView({ decision, focusOnOpen = false, onSigned }: { decision: Decision; focusOnOpen?: boolean; onSigned?: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // Just proposed: the focus follows the act to its new state instead of falling to the page.
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  const language = currentLanguage();
  const [pdf, setPdf] = useState<DecisionPdf>();
  const signed = decision.state === 'signee';
  const role = useCall('decisions.role', {});
  const [countersigning, setCountersigning] = useState(false);
  const headingId = `decision-view-${decision.id}`;
  return (
    <section className="relais-decision-view" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="fr-h4">
        {t(signed ? 'decisions.ui.signedTitle' : 'decisions.ui.proposedTitle', { type: t(`decisions.types.${decision.content.type}`) })}
      </h3>
      {!signed && decision.proposedAt && (
        <Alert className="fr-mb-3w" severity="info" small description={t('decisions.ui.awaitingSignature', { at: formatDateTime(decision.proposedAt, language) })} />
      )}
      {signed && <Signatures signatures={decision.signatures} />}
      {/* A countersignature makes an earlier report stale: it starts again, idle. */}
      {signed && <VerificationPanel key={decision.version} target={{ decisionId: decision.id }} />}
      {signed && (
        <div className="relais-decision-actions fr-mb-2w">
          <Button
            priority="secondary"
            iconId="fr-icon-download-line"
            disabled={!pdf}
            onClick={() => pdf && saveExportedFile({ name: pdf.fileName, mimeType: pdf.mimeType, base64: pdf.base64, sizeBytes: pdf.sizeBytes })}
          >
            {t('decisions.ui.download')}
          </Button>
          {role.data?.role === 'signataire' && (
            <Button priority="secondary" iconId="fr-icon-edit-line" onClick={() => setCountersigning(true)}>
              {t('decisions.ui.countersign.action')}
            </Button>
          )}
        </div>
      )}
      {countersigning && (
        <SignDialog
          countersign
          decisions={[{ id: decision.id, label: t(`decisions.types.${decision.content.type}`) }]}
          onClose={(signedAny) => {
            setCountersigning(false);
            if (signedAny) onSigned?.();
          }}
        />
      )}
      <DecisionPdfView decisionId={decision.id} version={decision.version} onLoaded={setPdf} />
    </section>
  );
}
