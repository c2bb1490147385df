import { createContext, useContext, type ReactNode } from 'react';
import type { RelaisClient } from '../../../shared/client';

const ClientContext = createContext<RelaisClient | null>(null);

export function ClientProvider({ client, children }: { client: RelaisClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): RelaisClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientProvider>');
  return client;
}
