/** 'dossiers.facets': the territories, regions and labels present in the case file. */
import type { Facets } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  territories: db.prepare<[], Facets['territories'][number]>(
    `SELECT territory_id AS id, territory_name AS name, region_code AS regionCode
     FROM dossier GROUP BY territory_id ORDER BY min(territory_sort), territory_id`,
  ),
  regions: db.prepare<[], Facets['regions'][number]>(
    'SELECT region_code AS code, region_name AS name FROM dossier GROUP BY region_code ORDER BY min(region_name), region_code',
  ),
  labels: db.prepare<[], string>('SELECT DISTINCT label FROM dossier_label ORDER BY label').pluck(),
}));

export function dossierFacets(ctx: CoreContext): Facets {
  const s = statements(ctx.db);
  return { territories: s.territories.all(), regions: s.regions.all(), labels: s.labels.all() };
}
