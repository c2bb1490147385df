import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../sync/SyncStatusProvider';

export const DS_ROUTE = '/demarches-simplifiees';

/** The header's link to « Démarches Simplifiées »: for a desk signed in with an administrateur account only. */
export function useDsNavigation(pathname: string) {
  const { t } = useTranslation();
  const { status } = useSyncStatus();
  if (status?.account?.role !== 'administrateur') return [];
  return [{ text: t('dsDesk.nav'), linkProps: { to: DS_ROUTE }, isActive: pathname === DS_ROUTE }];
}
