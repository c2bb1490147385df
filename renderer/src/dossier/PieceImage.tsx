import { useTranslation } from 'react-i18next';
import { useCall } from '../api/useCall';

interface Props {
  pieceId: string;
  name: string;
}

/** An attached JPEG or PNG, fetched through the contract (bytes checked against their hash) and shown from memory. */
export function PieceImage({ pieceId, name }: Props) {
  const { t } = useTranslation();
  const { data } = useCall('pieces.content', { pieceId });
  if (!data) return <p role="status">{t('pdf.loading')}</p>;
  return <img className="relais-piece-image" src={`data:${data.mimeType};base64,${data.base64}`} alt={t('pieces.viewerTitle', { name })} />;
}
