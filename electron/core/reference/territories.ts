/** Loads the Territoires d'industrie reference data (resources/reference, see its SOURCE.md). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CommuneRef, TerritoryRef, TerritoryTables } from '../../../shared/domain/territory';
import { resourcesDir } from './paths';

const TERRITORIES_FILE = 'territoires_industrie_2023_2027.csv';
const COMMUNES_FILE = 'territoires_industrie_communes_cog2026.csv';

interface TerritoryRow {
  id_ti: string;
  lib_ti: string;
  code_region: string;
  lib_region: string;
  codes_departements: string;
}

interface CommuneRow {
  code_insee_commune: string;
  lib_commune: string;
  code_departement: string;
  code_region: string;
  id_ti: string;
  lib_ti: string;
}

function readCsv<Row>(fileName: string): Row[] {
  const text = readFileSync(path.join(resourcesDir(), 'reference', fileName), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Row[];
}

function load(): TerritoryTables {
  const territories = new Map<string, TerritoryRef>();
  for (const row of readCsv<TerritoryRow>(TERRITORIES_FILE)) {
    territories.set(row.id_ti, {
      id: row.id_ti,
      name: row.lib_ti,
      regionCode: row.code_region,
      regionName: row.lib_region,
      departements: row.codes_departements.split('|'),
    });
  }
  const communes = new Map<string, CommuneRef>();
  for (const row of readCsv<CommuneRow>(COMMUNES_FILE)) {
    communes.set(row.code_insee_commune, {
      insee: row.code_insee_commune,
      name: row.lib_commune,
      departement: row.code_departement,
      regionCode: row.code_region,
      territoryId: row.id_ti,
      territoryName: row.lib_ti,
    });
  }
  return { communes, territories };
}

let cached: TerritoryTables | null = null;

/** The reference tables, read once per process. */
export function territoryTables(): TerritoryTables {
  cached ??= load();
  return cached;
}
