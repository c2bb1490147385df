import type { TFunction } from 'i18next';
import type { DossierRow } from '../../../shared/contract';
import { CHECK_IDS, type CheckStatus } from '../../../shared/domain/checks';

/** The statuses worth a badge, most serious first; the others count as conforming. */
const FLAGGED: readonly { status: Exclude<CheckStatus, 'ok'>; className: string }[] = [
  { status: 'failed', className: 'fr-badge--error' },
  { status: 'warning', className: 'fr-badge--warning' },
  { status: 'to_check', className: 'fr-badge--info' },
];

/**
 * A dossier's legal checks in a few badges (how many fail, warn, wait for the instructor), each
 * naming its checks on hover and to screen readers. `t` comes from the grid, which draws dozens.
 */
export function CheckBadges({ checks, t }: { checks: DossierRow['checks']; t: TFunction }) {
  const badges = FLAGGED.map(({ status, className }) => {
    const names = CHECK_IDS.filter((id) => checks[id] === status).map((id) => t(`checks.names.${id}`));
    return { status, className, names };
  }).filter((badge) => badge.names.length > 0);
  if (badges.length === 0) {
    return <span className="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">{t('listChecks.allOk')}</span>;
  }
  return (
    <span className="relais-check-badges">
      {badges.map(({ status, className, names }) => (
        <span key={status} className={`fr-badge fr-badge--sm fr-badge--no-icon ${className}`} title={names.join(', ')}>
          <span aria-hidden="true">{t(`listChecks.badge.${status}`, { count: names.length })}</span>
          <span className="fr-sr-only">{t(`listChecks.badgeNamed.${status}`, { count: names.length, names: names.join(', ') })}</span>
        </span>
      ))}
    </span>
  );
}
