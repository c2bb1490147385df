/** This hub's identity: a random id made with its database, carried in every cursor it gives out. */
import type { Queryable } from './db/database';

export async function hubIdOf(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ hub_id: string }>('SELECT hub_id FROM hub_meta');
  return rows[0]!.hub_id;
}
