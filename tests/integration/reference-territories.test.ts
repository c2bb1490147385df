import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { territoryOfCommune } from '../../shared/domain/territory';
import { resourcesDir } from '../../electron/core/reference/paths';
import { territoryTables } from '../../electron/core/reference/territories';

describe('reference data on disk', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('holds the 183 territories and 18,639 communes of the programme', () => {
    const tables = territoryTables();
    expect(tables.territories.size).toBe(183);
    expect(tables.communes.size).toBe(18_639);
    const regions = new Set([...tables.territories.values()].map((t) => t.regionCode));
    expect(regions.size).toBe(18);
  });

  it('keeps quoted names with commas whole', () => {
    const territory = territoryTables().territories.get('ti-2808');
    expect(territory?.name).toBe('Pays de Bernay, de Conches, du Neubourg et du Sud de l’Eure');
    expect(territory?.departements).toEqual(['27', '28']);
    expect(territoryTables().communes.get('27001')?.territoryName).toBe(territory?.name);
  });

  it('resolves real communes, Corsican codes included, to their territory', () => {
    const tables = territoryTables();
    expect(territoryOfCommune(tables, '13055')).toEqual({
      territoryId: 'ti-9301',
      territoryName: 'Aix-Marseille-Provence',
      regionCode: '93',
      regionName: "Provence-Alpes-Côte d'Azur",
    });
    expect(territoryOfCommune(tables, '2A004')?.territoryId).toBe('ti-9402');
    expect(tables.communes.get('2A004')).toMatchObject({ name: 'Ajaccio', departement: '2A', regionCode: '94' });
  });

  it('reads the folder named by RELAIS_RESOURCES_DIR when set', () => {
    const dir = path.join(os.tmpdir(), 'relais-packaged-resources');
    vi.stubEnv('RELAIS_RESOURCES_DIR', dir);
    expect(resourcesDir()).toBe(dir);
  });

  it('finds the repository resources folder by default', () => {
    vi.stubEnv('RELAIS_RESOURCES_DIR', '');
    expect(resourcesDir()).toBe(path.resolve(__dirname, '../../resources'));
  });
});
