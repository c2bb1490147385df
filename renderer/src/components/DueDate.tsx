import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatDate } from '../format';

/** Deadlines this close are shown in red, as overdue ones are. */
export const DUE_SOON_DAYS = 14;

/** A deadline with the days left, red when it is passed or close. */
export function DueDate({ due, daysLeft }: { due: string; daysLeft: number }) {
  const { t } = useTranslation();
  const urgent = daysLeft <= DUE_SOON_DAYS;
  const remaining =
    daysLeft < 0
      ? t('deadlines.overdue', { count: -daysLeft })
      : daysLeft === 0
        ? t('deadlines.today')
        : t('deadlines.daysLeft', { count: daysLeft });
  return (
    <span className={urgent ? 'relais-due relais-due--urgent' : 'relais-due'}>
      <span>{formatDate(due, currentLanguage())}</span>
      <span className="relais-due__left">
        {urgent && <span className="fr-icon-warning-fill fr-icon--sm" aria-hidden="true" />} {remaining}
      </span>
    </span>
  );
}
