/**
 * What a run of the connector works with: the settings, a client holding the decrypted token, and
 * the directory that says which DS instructeur acts for a hub user.
 */
import type { HubDatabase } from '../db/database';
import { DsClient, type DsClientOptions } from './client';
import { DEFAULT_INSTRUCTEUR, loadDsConfig, type DsConfig } from './config';
import { DemarcheInstructeursAnswer, demarcheInstructeursOperation } from './operations/demarche';

export interface DsConnection {
  config: DsConfig;
  client: DsClient;
  instructeurs: InstructeurDirectory;
}

export interface InstructeurDirectory {
  /** The DS instructeur id for a hub user's e-mail: the configured one, else DS's by e-mail, else the default ('*'); null when none. */
  idFor(email: string): Promise<string | null>;
}

/**
 * Overrides first, then the instructeurs of the démarches' groupes (read from DS once, on first
 * need; a failed read is tried again next time), then the '*' override.
 */
export function instructeurDirectory(client: DsClient, config: DsConfig): InstructeurDirectory {
  let fromDs: Promise<Map<string, string>> | null = null;
  const readDs = async () => {
    const byEmail = new Map<string, string>();
    for (const demarche of config.demarches) {
      const { data } = await client.request(demarcheInstructeursOperation, { demarche }, DemarcheInstructeursAnswer);
      // Open groupes first: someone moved out of a closed groupe is still reached by the id it gives.
      const groupes = [...data.demarche.groupeInstructeurs].sort((a, b) => Number(a.closed) - Number(b.closed));
      for (const groupe of groupes) {
        for (const instructeur of groupe.instructeurs) {
          const email = instructeur.email.trim().toLowerCase();
          if (!byEmail.has(email)) byEmail.set(email, instructeur.id);
        }
      }
    }
    return byEmail;
  };
  return {
    async idFor(email) {
      const key = email.trim().toLowerCase();
      const override = config.instructeurs[key];
      if (override) return override;
      fromDs ??= readDs().catch((error: unknown) => {
        fromDs = null;
        throw error;
      });
      return (await fromDs).get(key) ?? config.instructeurs[DEFAULT_INSTRUCTEUR] ?? null;
    },
  };
}

/** The connection of this hub; null when the connector is not configured. Throws DsTokenKeyError when the token cannot be decrypted. */
export async function openDsConnection(
  db: HubDatabase,
  options: { fetch?: typeof fetch; keyFile?: string; clientOptions?: Partial<DsClientOptions> } = {},
): Promise<DsConnection | null> {
  const loaded = await loadDsConfig(db, options.keyFile);
  if (!loaded) return null;
  const { config, token } = loaded;
  const client = new DsClient({ ...options.clientOptions, endpoint: config.endpoint, token, fetch: options.fetch ?? options.clientOptions?.fetch });
  return { config, client, instructeurs: instructeurDirectory(client, config) };
}
