import { Button } from '@codegouvfr/react-dsfr/Button';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PieceView } from '../../../shared/contract';
import { PdfRegions } from '../annotations/PdfRegions';
import { DsfrTable } from '../components/DsfrTable';
import { VerificationPanel } from '../decisions/VerificationPanel';
import { formatBytes, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { usePdfViewerModule } from '../pdf/loadPdfViewer';
import { AttachFiles } from './AttachFiles';
import { PieceImage } from './PieceImage';

interface Props {
  dossierId: string;
  pieces: readonly PieceView[];
  openPieceId: string | null;
  onOpen: (pieceId: string) => void;
  /** After files were attached: the dossier is read again. */
  onAttached: () => void;
}

export function PiecesTab({ dossierId, pieces, openPieceId, onOpen, onAttached }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const open = pieces.find((piece) => piece.id === openPieceId);
  const viewer = usePdfViewerModule();
  // A link to a region (from the Annotations tab) names it in the address.
  const [params] = useSearchParams();
  const focusAnnotationId = params.get('annotation');
  const attach = <AttachFiles dossierId={dossierId} onAttached={onAttached} />;
  if (pieces.length === 0) {
    return (
      <div>
        {attach}
        <p>{t('pieces.empty')}</p>
      </div>
    );
  }

  return (
    <div>
      {attach}
      <DsfrTable multiline hideCaption className="relais-pieces">
        <table data-viewer-ready={viewer ? 'true' : 'false'}>
          <caption>{t('pieces.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pieces.name')}</th>
              <th scope="col">{t('pieces.kind')}</th>
              <th scope="col" className="relais-number">
                {t('pieces.size')}
              </th>
              <th scope="col">{t('pieces.sha256')}</th>
              <th scope="col">
                <span className="fr-sr-only">{t('pieces.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pieces.map((piece) => (
              <tr key={piece.id} aria-current={piece.id === openPieceId ? 'true' : undefined}>
                <td>
                  {piece.name}
                  {piece.textStatus !== 'indexed' && (
                    <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">{t(`pieces.status.${piece.textStatus}`)}</span>
                  )}
                  {piece.attached && (
                    <span className="relais-secondary relais-block fr-text--sm fr-mb-0">
                      {t('attach.attachedBy', { by: piece.attached.by, date: formatDateTime(piece.attached.at, language) })}
                    </span>
                  )}
                  {piece.pageCount !== null && (
                    <span className="relais-secondary relais-block fr-text--sm fr-mb-0">
                      {t('pieces.pages', { count: piece.pageCount })}
                    </span>
                  )}
                </td>
                <td>{t(`pieceKinds.${piece.kind}`)}</td>
                <td className="relais-number">{formatBytes(piece.sizeBytes, language)}</td>
                <td>
                  <code className="relais-hash">{piece.sha256}</code>
                </td>
                <td>
                  <Button
                    size="small"
                    priority={piece.id === openPieceId ? 'primary' : 'secondary'}
                    iconId="fr-icon-eye-line"
                    onClick={() => onOpen(piece.id)}
                    nativeButtonProps={{ 'aria-label': t('pieces.openNamed', { name: piece.name }) }}
                  >
                    {t('pieces.open')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </DsfrTable>
      {open && (
        <section className="fr-mt-4w" aria-labelledby="piece-viewer-title">
          <h2 id="piece-viewer-title" className="fr-h4">
            {t('pieces.viewerTitle', { name: open.name })}
          </h2>
          {open.mimeType === 'application/pdf' && <VerificationPanel key={open.id} target={{ pieceId: open.id }} headingLevel={3} />}
          {open.mimeType === 'image/jpeg' || open.mimeType === 'image/png' ? (
            <PieceImage key={open.id} pieceId={open.id} name={open.name} />
          ) : viewer ? (
            <viewer.default
              key={open.id}
              source={{ pieceId: open.id }}
              name={open.name}
              aside={(opened) => <PdfRegions dossierId={dossierId} pieceId={open.id} focusAnnotationId={focusAnnotationId} {...opened} />}
            />
          ) : (
            <p role="status">{t('pdf.loading')}</p>
          )}
        </section>
      )}
    </div>
  );
}
