import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncAccount } from '../../../shared/channels/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Facts } from '../components/Facts';
import { useSyncStatus } from './SyncStatusProvider';

/** Who this computer syncs as, on which hub, and the way to sign out. */
export function AccountPanel({ account }: { account: SyncAccount }) {
  const { t } = useTranslation();
  const client = useClient();
  const { status, update } = useSyncStatus();
  // Territory names as the case file knows them; a territory with no dossier here keeps its code
  // until a round brings its dossiers.
  const facets = useCall('dossiers.facets', {});
  const reloadFacets = facets.reload;
  const lastSyncAt = status?.lastSyncAt;
  const shownSyncAt = useRef(lastSyncAt);
  useEffect(() => {
    if (shownSyncAt.current === lastSyncAt) return;
    shownSyncAt.current = lastSyncAt;
    reloadFacets();
  }, [lastSyncAt, reloadFacets]);
  const [error, setError] = useState<ErrorInfo>();

  async function logout() {
    setError(undefined);
    try {
      update(await client.call('sync.logout', {}));
    } catch (failure) {
      setError(toErrorInfo(failure));
    }
  }

  const territoryName = (id: string) => facets.data?.territories.find((territory) => territory.id === id)?.name ?? id;
  const territories =
    account.role === 'administrateur'
      ? t('sync.account.allTerritories')
      : account.territories.length === 0
        ? t('sync.account.noTerritory')
        : account.territories.map(territoryName).join(', ');
  return (
    <section className="fr-mb-6w" aria-labelledby="sync-account">
      <h2 id="sync-account" className="fr-h4">
        {t('sync.account.title')}
      </h2>
      <Facts
        facts={[
          { label: t('sync.account.name'), value: account.name },
          { label: t('sync.account.email'), value: account.email },
          { label: t('sync.account.role'), value: t(`sync.roles.${account.role}`) },
          { label: t('sync.account.territories'), value: territories },
          { label: t('sync.account.hub'), value: <code className="relais-path">{account.hubUrl}</code> },
        ]}
      />
      <Button priority="secondary" onClick={() => void logout()} aria-describedby="sync-logout-hint">
        {t('sync.account.logout')}
      </Button>
      <p id="sync-logout-hint" className="fr-hint-text fr-mt-1w">
        {t('sync.account.logoutHint')}
      </p>
      {error && <ErrorAlert error={error} />}
    </section>
  );
}
