import type { ReactNode } from 'react';

interface Props {
  /** The <table> itself, with its caption. */
  children: ReactNode;
  small?: boolean;
  /** Long cell contents wrap instead of widening the table. */
  multiline?: boolean;
  /** The caption stays for screen readers but is not shown. */
  hideCaption?: boolean;
  className?: string;
}

/** The DSFR table frame (fr-table, its wrapper, container and content levels). */
export function DsfrTable({ children, small, multiline, hideCaption, className }: Props) {
  const classes = [
    'fr-table',
    small && 'fr-table--sm',
    multiline && 'fr-table--multiline',
    hideCaption && 'fr-table--no-caption',
    className,
  ].filter(Boolean);
  return (
    <div className={classes.join(' ')}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">{children}</div>
        </div>
      </div>
    </div>
  );
}
