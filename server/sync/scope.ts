/**
 * Who may see and change what: a dossier is in a user's scope when it lies in one of their
 * territories or is assigned to their email; administrators see every dossier.
 */
import type { HubUser } from '../../shared/sync/protocol';

/**
 * A SQL condition on the dossier alias `d` (parameters `$n` = territories, `$n+1` = email) true
 * when the dossier is in the user's scope; for an administrator, simply true.
 */
export function dossierScopeSql(user: HubUser, firstParam: number): { sql: string; params: unknown[] } {
  if (user.role === 'administrateur') return { sql: 'true', params: [] };
  return {
    sql: `(d.territory_id = ANY($${firstParam}::text[]) OR lower(d.assigned_email) = lower($${firstParam + 1}))`,
    params: [user.territories, user.email],
  };
}
