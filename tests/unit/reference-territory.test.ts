import { describe, expect, it } from 'vitest';
import { territoryOfCommune, type TerritoryTables } from '../../shared/domain/territory';

const tables: TerritoryTables = {
  communes: new Map([
    ['28001', { insee: '28001', name: 'Abondant', departement: '28', regionCode: '24', territoryId: 'ti-2808', territoryName: 'Pays de Bernay' }],
    ['99999', { insee: '99999', name: 'Orpheline', departement: '99', regionCode: '99', territoryId: 'ti-0000', territoryName: 'Disparu' }],
  ]),
  territories: new Map([
    ['ti-2808', { id: 'ti-2808', name: 'Pays de Bernay', regionCode: '28', regionName: 'Normandie', departements: ['27', '28'] }],
  ]),
};

describe('territoryOfCommune', () => {
  it("gives the commune's territory with the territory's lead region, not the commune's own", () => {
    expect(territoryOfCommune(tables, '28001')).toEqual({
      territoryId: 'ti-2808',
      territoryName: 'Pays de Bernay',
      regionCode: '28',
      regionName: 'Normandie',
    });
  });

  it('is null for a commune outside every territory', () => {
    expect(territoryOfCommune(tables, '75056')).toBeNull();
  });

  it('is null when the commune points at an unknown territory', () => {
    expect(territoryOfCommune(tables, '99999')).toBeNull();
  });
});
