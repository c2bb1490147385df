import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'contenu';
export const NAVIGATION_ID = 'en-tete-main-navigation';
export const FOOTER_ID = 'pied-de-page';

/**
 * DSFR skip links. The address' fragment belongs to the router (HashRouter), so a skip link
 * moves the focus itself instead of changing the fragment.
 */
export function SkipLinks() {
  const { t } = useTranslation();
  const links = [
    { target: MAIN_ID, label: t('app.skipToContent') },
    { target: NAVIGATION_ID, label: t('app.skipToNavigation') },
    { target: FOOTER_ID, label: t('app.skipToFooter') },
  ];
  const jump = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    event.preventDefault();
    const element = document.getElementById(target);
    if (!element) return;
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus();
  };
  return (
    <div className="fr-skiplinks">
      <nav className="fr-container" role="navigation" aria-label={t('app.skipLinks')}>
        <ul className="fr-skiplinks__list">
          {links.map(({ target, label }) => (
            <li key={target}>
              <a className="fr-link" href={`#${target}`} onClick={(event) => jump(event, target)}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
