import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether a network is there. Relais works the same without one; it only says so. */
export function OnlineIndicator() {
  const { t } = useTranslation();
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  return (
    <p
      className={`fr-badge fr-badge--sm relais-network ${online ? 'fr-badge--success' : 'fr-badge--warning'}`}
      role="status"
      data-online={online}
    >
      {online ? t('network.online') : t('network.offline')}
    </p>
  );
}
