import type { TFunction } from 'i18next';
import { LOCALES, type Language } from '../../../shared/contract';
import { formatGps, formatTakenAt, type VisitPhoto } from '../../../shared/channels/visits';

/** When and where a photo was taken, as the thumbnails and the viewer say it. */
export function photoFacts(t: TFunction, photo: VisitPhoto, language: Language): { taken: string; position: string } {
  const locale = LOCALES[language];
  return {
    taken: photo.takenAt ? t('visits.photos.takenAt', { date: formatTakenAt(photo.takenAt, locale) }) : t('visits.photos.noDate'),
    position: photo.gps
      ? t('visits.photos.gps', { position: formatGps(photo.gps, locale) }) +
        (photo.gps.altitude === null ? '' : `, ${t('visits.photos.altitude', { meters: Math.round(photo.gps.altitude) })}`)
      : t('visits.photos.noGps'),
  };
}
