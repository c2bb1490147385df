/** When and where a visit photo was taken, as the desk and the printed report say it. */
import type { TFunction } from 'i18next';
import { LOCALES, type Language } from '../channels/desk';
import { formatGps, formatTakenAt, type VisitPhoto } from '../domain/visit';

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
