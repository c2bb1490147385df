/**
 * Real places for the demo: the Territoires d'industrie with their communes, postal codes and
 * populations (COG 2026, @etalab/decoupage-administratif), so sites resolve to real territories.
 */
import { createRequire } from 'node:module';
import type { TerritoryRef, TerritoryTables } from '../../../shared/domain/territory';
import { territoryTables } from '../reference/territories';
import type { Random } from './random';

export interface DemoCommune {
  insee: string;
  name: string;
  departement: string;
  postalCode: string;
  population: number;
}

export interface DemoTerritory {
  territory: TerritoryRef;
  communes: DemoCommune[];
  /** Running totals of the communes' weights, for a draw by binary search. */
  cumulativeWeights: number[];
}

interface CogCommune {
  code: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}

export interface DemoPlaces {
  tables: TerritoryTables;
  territories: DemoTerritory[];
}

let cached: DemoPlaces | null = null;

export function demoPlaces(): DemoPlaces {
  if (cached) return cached;
  const tables = territoryTables();
  const cog = new Map<string, CogCommune>();
  const cogCommunes = createRequire(__filename)('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
  for (const commune of cogCommunes) {
    if (commune.type === 'commune-actuelle') cog.set(commune.code, commune);
  }
  const byTerritory = new Map<string, DemoCommune[]>();
  for (const commune of tables.communes.values()) {
    const facts = cog.get(commune.insee);
    const postalCode = facts?.codesPostaux?.[0];
    if (!postalCode) continue;
    const list = byTerritory.get(commune.territoryId) ?? [];
    list.push({ insee: commune.insee, name: commune.name, departement: commune.departement, postalCode, population: facts.population ?? 0 });
    byTerritory.set(commune.territoryId, list);
  }
  const territories: DemoTerritory[] = [];
  for (const territory of [...tables.territories.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const communes = (byTerritory.get(territory.id) ?? []).sort((a, b) => a.insee.localeCompare(b.insee));
    if (communes.length === 0) continue;
    let total = 0;
    // Industry sits mostly in towns, yet villages host plants too: weight grows slower than population.
    const cumulativeWeights = communes.map((c) => (total += Math.sqrt(c.population + 100)));
    territories.push({ territory, communes, cumulativeWeights });
  }
  cached = { tables, territories };
  return cached;
}

export function pickCommune(random: Random, place: DemoTerritory): DemoCommune {
  const weights = place.cumulativeWeights;
  const draw = random.float() * weights[weights.length - 1]!;
  let low = 0;
  let high = weights.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (weights[middle]! > draw) high = middle;
    else low = middle + 1;
  }
  return place.communes[low]!;
}
