/**
 * Territoires d'industrie: which territory a project site belongs to. Pure: the reference tables
 * are loaded elsewhere (electron/core/reference) and passed in.
 */

export interface CommuneRef {
  insee: string;
  name: string;
  departement: string;
  /** The commune's own region (COG), which may differ from its territory's lead region. */
  regionCode: string;
  territoryId: string;
  territoryName: string;
}

export interface TerritoryRef {
  id: string;
  name: string;
  /** The lead region, which steers the territory (15 territories span two regions). */
  regionCode: string;
  regionName: string;
  departements: string[];
}

export interface TerritoryTables {
  communes: ReadonlyMap<string, CommuneRef>;
  territories: ReadonlyMap<string, TerritoryRef>;
}

export interface SiteTerritory {
  territoryId: string;
  territoryName: string;
  regionCode: string;
  regionName: string;
}

/**
 * The territory of a site commune, with the territory's lead region: the dossier is instructed
 * in the region that steers the territory. Null when the commune is in no territory.
 */
export function territoryOfCommune(tables: TerritoryTables, communeInsee: string): SiteTerritory | null {
  const commune = tables.communes.get(communeInsee);
  if (!commune) return null;
  const territory = tables.territories.get(commune.territoryId);
  if (!territory) return null;
  return {
    territoryId: territory.id,
    territoryName: territory.name,
    regionCode: territory.regionCode,
    regionName: territory.regionName,
  };
}
