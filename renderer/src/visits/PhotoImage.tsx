import { useTranslation } from 'react-i18next';
import { useCall } from '../api/useCall';

interface Props {
  photoId: string;
  variant: 'thumbnail' | 'full';
  alt: string;
  className?: string;
}

/** A visit photo or its thumbnail, fetched through the contract and shown from memory. */
export function PhotoImage({ photoId, variant, alt, className }: Props) {
  const { t } = useTranslation();
  const { data } = useCall('visits.photo', { photoId, variant });
  if (!data) return <span className={`${className ?? ''} relais-photo-placeholder`} role="img" aria-label={t('visits.photos.loading')} />;
  return <img className={className} src={`data:${data.mimeType};base64,${data.base64}`} alt={alt} />;
}
