/**
 * The connector's settings (one row of ds_config): DS's GraphQL endpoint, the démarches to
 * follow, the mapping of their form, and the hub users' DS instructeur ids that DS itself does not
 * give. The token is stored encrypted (token-cipher.ts) and only ever returned beside the config.
 */
import { z } from 'zod';
import type { Queryable } from '../db/database';
import { DsMapping } from './mapping';
import { decryptToken, encryptToken } from './token-cipher';

/** The instructeur used for a hub user DS does not know by e-mail. */
export const DEFAULT_INSTRUCTEUR = '*';

export interface DsConfig {
  endpoint: string;
  demarches: number[];
  mapping: DsMapping;
  /** Lower-case e-mail, or '*' for everyone else, → DS instructeur id. */
  instructeurs: Record<string, string>;
}

const Endpoint = z.url({ protocol: /^https?$/ });
const DemarcheNumber = z.number().int().positive().max(2 ** 31 - 1);

const StoredRow = z.object({
  endpoint: z.string(),
  token_ciphertext: z.instanceof(Uint8Array),
  demarches: z.array(DemarcheNumber).min(1),
  mapping: z.unknown(),
  instructeurs: z.record(z.string(), z.string()),
});

/** Checks a configuration before it is stored; the message names what is wrong. */
function checkDsConfig(config: DsConfig): DsConfig {
  if (!Endpoint.safeParse(config.endpoint).success) throw new Error(`The DS endpoint "${config.endpoint}" is not an http(s) address.`);
  if (config.demarches.length === 0) throw new Error('At least one démarche number is needed.');
  for (const number of config.demarches) if (!DemarcheNumber.safeParse(number).success) throw new Error(`"${number}" is not a démarche number.`);
  const mapping = DsMapping.safeParse(config.mapping);
  if (!mapping.success) throw new Error(`The mapping is not valid at ${mapping.error.issues[0]!.path.join('.')}: ${mapping.error.issues[0]!.message}`);
  const instructeurs: Record<string, string> = {};
  for (const [email, id] of Object.entries(config.instructeurs)) {
    const key = email.trim().toLowerCase();
    if (key !== DEFAULT_INSTRUCTEUR && !z.email().safeParse(key).success) throw new Error(`"${email}" is not an e-mail address (or * for everyone else).`);
    if (id.trim() === '') throw new Error(`The DS instructeur id of ${email} is empty.`);
    instructeurs[key] = id.trim();
  }
  return { endpoint: config.endpoint, demarches: [...new Set(config.demarches)], mapping: mapping.data, instructeurs };
}

export async function saveDsConfig(db: Queryable, config: DsConfig, token: string, keyFile?: string): Promise<void> {
  const checked = checkDsConfig(config);
  if (token.trim() === '') throw new Error('The DS token is empty.');
  const ciphertext = encryptToken(token.trim(), keyFile);
  await db.query(
    `INSERT INTO ds_config (id, endpoint, token_ciphertext, demarches, mapping, instructeurs, updated_at)
     VALUES (1, $1, $2, $3, $4, $5, now())
     ON CONFLICT (id) DO UPDATE SET endpoint = EXCLUDED.endpoint, token_ciphertext = EXCLUDED.token_ciphertext,
       demarches = EXCLUDED.demarches, mapping = EXCLUDED.mapping, instructeurs = EXCLUDED.instructeurs, updated_at = EXCLUDED.updated_at`,
    [checked.endpoint, ciphertext, checked.demarches, JSON.stringify(checked.mapping), JSON.stringify(checked.instructeurs)],
  );
}

/** The settings and the decrypted token; null when the connector was never configured. Throws DsTokenKeyError without the right key. */
export async function loadDsConfig(db: Queryable, keyFile?: string): Promise<{ config: DsConfig; token: string } | null> {
  const { rows } = await db.query('SELECT endpoint, token_ciphertext, demarches, mapping, instructeurs FROM ds_config WHERE id = 1');
  if (rows.length === 0) return null;
  const row = StoredRow.parse(rows[0]);
  const mapping = DsMapping.safeParse(row.mapping);
  if (!mapping.success) throw new Error(`The stored DS mapping is no longer valid (${mapping.error.issues[0]!.path.join('.')}): configure it again with "relais hub ds configure".`);
  const token = decryptToken(row.token_ciphertext, keyFile);
  return { config: { endpoint: row.endpoint, demarches: row.demarches, mapping: mapping.data, instructeurs: row.instructeurs }, token };
}
