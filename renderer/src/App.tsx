import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavigationType, Route, Routes, useLocation, useNavigationType } from 'react-router';
import { LanguageSwitch } from './components/LanguageSwitch';
import { OnlineIndicator } from './components/OnlineIndicator';
import { FOOTER_ID, MAIN_ID, SkipLinks } from './components/SkipLinks';
import { DsPage } from './ds/DsPage';
import { DS_ROUTE, useDsNavigation } from './ds/dsNavigation';
import { AccessibilityPage } from './pages/AccessibilityPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { BackupsPage, BACKUPS_ROUTE } from './backup/BackupsPage';
import { ToSignPage } from './decisions/ToSignPage';
import { DossierPage } from './dossier/DossierPage';
import { EcheancesPage } from './echeances/EcheancesPage';
import { DossiersPage } from './list/DossiersPage';
import { lastListSearch } from './list/listState';
import { SyncIndicator, SYNC_ROUTE } from './sync/SyncIndicator';
import { SyncPage } from './sync/SyncPage';
import { SyncStatusProvider } from './sync/SyncStatusProvider';

export function App() {
  return (
    <SyncStatusProvider>
      <Shell />
    </SyncStatusProvider>
  );
}

/** Inside the sync status, so that the header shows what the account may see. */
function Shell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const dsNavigation = useDsNavigation(pathname);
  useFocusOnNavigation(pathname);
  const brandTop = (
    <>
      {t('app.brandTop1')}
      <br />
      {t('app.brandTop2')}
    </>
  );
  return (
    <>
      <SkipLinks />
      <Header
        id="en-tete"
        brandTop={brandTop}
        serviceTitle="Relais"
        serviceTagline={t('app.tagline')}
        homeLinkProps={{ to: '/dossiers', title: t('app.homeTitle') }}
        quickAccessItems={[<SyncIndicator key="sync" />, <OnlineIndicator key="network" />, <LanguageSwitch key="language" />]}
        navigation={[
          {
            text: t('nav.dossiers'),
            linkProps: { to: { pathname: '/dossiers', search: lastListSearch() } },
            isActive: pathname.startsWith('/dossiers'),
          },
          { text: t('echeances.nav'), linkProps: { to: '/echeances' }, isActive: pathname === '/echeances' },
          { text: t('decisions.ui.toSign.nav'), linkProps: { to: '/a-signer' }, isActive: pathname === '/a-signer' },
          { text: t('sync.nav'), linkProps: { to: SYNC_ROUTE }, isActive: pathname === SYNC_ROUTE },
          ...dsNavigation,
          { text: t('nav.settings'), linkProps: { to: '/parametres' }, isActive: pathname === '/parametres' },
        ]}
      />
      <main id={MAIN_ID} tabIndex={-1} className="relais-main">
        <Routes>
          <Route path="/" element={<Navigate to="/dossiers" replace />} />
          <Route path="/dossiers" element={<DossiersPage />} />
          <Route path="/dossiers/:id" element={<DossierPage />} />
          <Route path="/echeances" element={<EcheancesPage />} />
          <Route path="/a-signer" element={<ToSignPage />} />
          <Route path={SYNC_ROUTE} element={<SyncPage />} />
          <Route path={DS_ROUTE} element={<DsPage />} />
          <Route path="/parametres" element={<SettingsPage />} />
          <Route path={BACKUPS_ROUTE} element={<BackupsPage />} />
          <Route path="/accessibilite" element={<AccessibilityPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
      <Footer
        id={FOOTER_ID}
        brandTop={brandTop}
        homeLinkProps={{ to: '/dossiers', title: t('app.homeTitle') }}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        contentDescription={t('app.footerDescription')}
        domains={[]}
        license={t('app.license')}
      />
    </>
  );
}

/**
 * After moving to another screen, focus goes to its title, so keyboard and screen reader users
 * start from the top of the new content. A screen that loads its data first shows its title a
 * moment later: the main area holds the focus until then, unless the user has moved on.
 */
function useFocusOnNavigation(pathname: string) {
  const navigationType = useNavigationType();
  const previous = useRef(pathname);
  useEffect(() => {
    // Redirects, address updates (replace) and the first load leave the focus where it is.
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (navigationType !== NavigationType.Push) return;
    const main = document.getElementById(MAIN_ID);
    main?.focus();
    let frame = 0;
    let framesLeft = 120;
    const focusTitle = () => {
      const title = main?.querySelector<HTMLElement>('h1');
      if (title && document.activeElement === main) title.focus();
      else if (!title && framesLeft-- > 0) frame = requestAnimationFrame(focusTitle);
    };
    focusTitle();
    return () => cancelAnimationFrame(frame);
  }, [pathname, navigationType]);
}
