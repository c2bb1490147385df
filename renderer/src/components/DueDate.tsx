import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import { daysLeftPhrase } from '../../../shared/i18n/phrases';
import { formatDate } from '../format';

/** Deadlines this close are shown in red, as overdue ones are. */
export const DUE_SOON_DAYS = 14;

interface Props {
  due: string;
  daysLeft: number;
  /** From the caller: the grid draws dozens of these at once. */
  t: TFunction;
  language: Language;
}

/** A deadline with the days left, red when it is passed or close. */
export function DueDate({ due, daysLeft, t, language }: Props) {
  const urgent = daysLeft <= DUE_SOON_DAYS;
  const remaining = daysLeftPhrase(t, daysLeft);
  return (
    <span className={urgent ? 'relais-due relais-due--urgent' : 'relais-due'}>
      <span>{formatDate(due, language)}</span>
      <span className="relais-due__left">
        {urgent && <span className="fr-icon-warning-fill fr-icon--sm" aria-hidden="true" />} {remaining}
      </span>
    </span>
  );
}
