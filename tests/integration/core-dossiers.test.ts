import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEALED_OVERHEAD_BYTES } from '../../electron/core/blobs/blob-cipher';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { dispatch } from '../../electron/core/dispatch';
import { contract, MATCH_END, MATCH_START, type ArgsOf, type SortColumn } from '../../shared/contract';
import packageJson from '../../package.json';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { DESK_NOW, seedDesk, type Desk } from './fixtures/core-desk';

let t: TestContext;
let desk: Desk;

beforeAll(() => {
  t = createTestContext(DESK_NOW);
  desk = seedDesk(t);
});
afterAll(() => t.dispose());

async function numbers(args: ArgsOf<'dossiers.list'>): Promise<number[]> {
  return (await t.call('dossiers.list', args)).rows.map((row) => row.number);
}

const idOf = (number: number) => desk.dossiers.get(number)!.id;

describe('dossiers.list sorting', () => {
  // Ascending orders worked out by hand from the fixture; ties (same amount, same territory,
  // no deadline) are broken by the number, in the same direction.
  const ascending: Record<SortColumn, number[]> = {
    number: [101, 102, 103, 104, 105, 106],
    demandeur: [101, 104, 105, 106, 102, 103], // accents and case do not move « Écoles » or « zinguerie »
    projet: [102, 104, 106, 105, 103, 101],
    territoire: [103, 104, 101, 106, 102, 105],
    montant: [103, 106, 101, 105, 102, 104],
    etat: [101, 104, 102, 106, 103, 105], // in the order of the procedure
    echeance: [106, 101, 104, 102, 103, 105], // no deadline last
  };
  const descending: Record<SortColumn, number[]> = {
    number: [106, 105, 104, 103, 102, 101],
    demandeur: [103, 102, 106, 105, 104, 101],
    projet: [101, 103, 105, 106, 104, 102],
    territoire: [105, 102, 106, 101, 104, 103],
    montant: [104, 102, 105, 101, 106, 103],
    etat: [105, 103, 106, 102, 104, 101],
    echeance: [102, 104, 101, 106, 105, 103], // no deadline last in this direction too
  };
  for (const column of Object.keys(ascending) as SortColumn[]) {
    it(`sorts on ${column} both ways`, async () => {
      expect(await numbers({ sort: { column, direction: 'asc' } })).toEqual(ascending[column]);
      expect(await numbers({ sort: { column, direction: 'desc' } })).toEqual(descending[column]);
    });
  }

  it('sorts by deadline by default and pages with offset and limit, keeping the total', async () => {
    expect(await numbers({})).toEqual(ascending.echeance);
    const page = await t.call('dossiers.list', { sort: { column: 'number', direction: 'asc' }, offset: 2, limit: 2 });
    expect(page.rows.map((row) => row.number)).toEqual([103, 104]);
    expect(page.total).toBe(6);
  });

  it('returns the row columns of the desk', async () => {
    const [row] = (await t.call('dossiers.list', { filters: { labels: ['Prioritaire'] } })).rows;
    expect(row).toEqual({
      id: idOf(101),
      number: 101,
      demandeur: 'Aciérie Bernard',
      projet: 'Zinc et recyclage',
      territoryId: 'ti-0088',
      territoryName: 'Épinal – Vosges',
      regionName: 'Grand Est',
      amountRequestedCents: 5_000_000,
      state: 'en_construction',
      dueDate: '2026-04-10',
      dueKind: 'admissibility',
      followed: false,
      labels: ['Prioritaire'],
      checks: {
        required_pieces: 'failed',
        admissibility_deadline: 'ok',
        instruction_deadline: 'to_check',
        public_aid_ceiling: 'ok',
        aid_intensity: 'to_check',
        advance_ceiling: 'to_check',
      },
      snippet: null,
    });
  });
});

describe('dossiers.list filters', () => {
  const byNumber = { sort: { column: 'number', direction: 'asc' } } as const;

  it('filters on states and counts every state for the other filters', async () => {
    const page = await t.call('dossiers.list', { ...byNumber, filters: { states: ['en_construction'] } });
    expect(page.rows.map((row) => row.number)).toEqual([101, 104]);
    expect(page.total).toBe(2);
    expect(page.countsByState).toEqual({ en_construction: 2, en_instruction: 2, accepte: 1, refuse: 1, sans_suite: 0 });

    const inLyon = await t.call('dossiers.list', { ...byNumber, filters: { states: ['refuse'], regionCodes: ['84'] } });
    expect(inLyon.rows.map((row) => row.number)).toEqual([105]);
    expect(inLyon.countsByState).toEqual({ en_construction: 0, en_instruction: 1, accepte: 0, refuse: 1, sans_suite: 0 });
  });

  it('filters on territories, regions and volets', async () => {
    expect(await numbers({ ...byNumber, filters: { territoryIds: ['ti-0062'] } })).toEqual([103, 104]);
    expect(await numbers({ ...byNumber, filters: { territoryIds: ['ti-0062', 'ti-0069'] } })).toEqual([102, 103, 104, 105]);
    expect(await numbers({ ...byNumber, filters: { regionCodes: ['84'] } })).toEqual([102, 105]);
    expect(await numbers({ ...byNumber, filters: { volets: [3] } })).toEqual([103, 106]);
  });

  it('filters on labels, any of them', async () => {
    expect(await numbers({ ...byNumber, filters: { labels: ['Prioritaire'] } })).toEqual([101]);
    expect(await numbers({ ...byNumber, filters: { labels: ['Prioritaire', 'Visite à programmer'] } })).toEqual([101, 105]);
  });

  it('filters on deadlines within N days of today in Paris, overdue included', async () => {
    expect(await numbers({ ...byNumber, filters: { dueWithinDays: 30 } })).toEqual([101, 106]);
    expect(await numbers({ ...byNumber, filters: { dueWithinDays: 0 } })).toEqual([]);
    t.setNow('2026-04-20T10:00:00.000Z');
    try {
      expect(await numbers({ ...byNumber, filters: { dueWithinDays: 0 } })).toEqual([101, 106]);
    } finally {
      t.setNow(DESK_NOW);
    }
  });

  it('filters on followed dossiers once one is followed, and the flag goes to the outbox', async () => {
    expect(await numbers({ filters: { followedOnly: true } })).toEqual([]);
    expect(await t.call('dossiers.setFollowed', { id: idOf(104), followed: true })).toEqual({ followed: true });
    const page = await t.call('dossiers.list', { filters: { followedOnly: true } });
    expect(page.rows.map((row) => [row.number, row.followed])).toEqual([[104, true]]);
    const outbox = t.ctx.db.prepare(`SELECT name, args, state FROM outbox WHERE name = 'dossier.setFollowed'`).all();
    expect(outbox).toEqual([{ name: 'dossier.setFollowed', args: JSON.stringify({ followed: true, id: idOf(104) }), state: 'waiting' }]);
    await t.call('dossiers.setFollowed', { id: idOf(104), followed: false });
    expect(await numbers({ filters: { followedOnly: true } })).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await numbers({ ...byNumber, filters: { states: ['en_construction', 'en_instruction'], regionCodes: ['44'], volets: [1] } })).toEqual([101]);
  });
});

describe('dossiers.list full-text search', () => {
  it('finds a word of a form field, by prefix, with the match marked in the snippet', async () => {
    for (const query of ['four', 'induc']) {
      const page = await t.call('dossiers.list', { filters: { query } });
      expect(page.rows.map((row) => row.number)).toEqual([101]);
      expect(page.total).toBe(1);
    }
    const [row] = (await t.call('dossiers.list', { filters: { query: 'four' } })).rows;
    expect(row.snippet).toContain(`${MATCH_START}Four${MATCH_END} à induction`);
  });

  it('finds a word that is only in the text of a piece, and says which piece', async () => {
    const page = await t.call('dossiers.list', { filters: { query: 'biomasse' } });
    expect(page.rows.map((row) => row.number)).toEqual([103]);
    expect(page.rows[0].snippet).toContain('devis-chaufferie.pdf');
    expect(page.rows[0].snippet).toContain(`${MATCH_START}biomasse${MATCH_END}`);
  });

  it('ignores accents and case, both ways', async () => {
    expect(await numbers({ filters: { query: 'ACIERIE' } })).toEqual([101]);
    expect(await numbers({ filters: { query: 'chaudiere grille' } })).toEqual([103]);
    expect(await numbers({ filters: { query: 'électrification' } })).toEqual([106]);
    expect(await numbers({ filters: { query: 'electrification' } })).toEqual([106]);
  });

  it('requires every word, and combines with the other filters and the counts', async () => {
    expect(await numbers({ filters: { query: 'biomasse aciérie' } })).toEqual([]);
    const page = await t.call('dossiers.list', { filters: { query: 'vosges', states: ['en_instruction'] } });
    expect(page.rows.map((row) => row.number)).toEqual([106]);
    expect(page.countsByState).toEqual({ en_construction: 1, en_instruction: 1, accepte: 0, refuse: 0, sans_suite: 0 });
  });

  it('treats FTS5 syntax in the query as plain text', async () => {
    for (const query of ['four" OR *', 'NEAR(a b)', 'four AND', '^four', '-', '"', 'col:four']) {
      const envelope = await dispatch(t.handlers, 'dossiers.list', { filters: { query } }, { validateResults: true });
      expect(envelope.ok, query).toBe(true);
    }
    expect(await numbers({ filters: { query: '-' } })).toHaveLength(6);
  });

  it('finds a dossier by its number', async () => {
    expect(await numbers({ filters: { query: '105' } })).toEqual([105]);
  });
});

describe('dossiers.facets', () => {
  it('lists the territories, regions and labels present', async () => {
    expect(await t.call('dossiers.facets', {})).toEqual({
      territories: [
        { id: 'ti-0062', name: 'Artois', regionCode: '32' },
        { id: 'ti-0088', name: 'Épinal – Vosges', regionCode: '44' },
        { id: 'ti-0069', name: 'Lyon Nord-Isère', regionCode: '84' },
      ],
      regions: [
        { code: '84', name: 'Auvergne-Rhône-Alpes' },
        { code: '44', name: 'Grand Est' },
        { code: '32', name: 'Hauts-de-France' },
      ],
      labels: ['Prioritaire', 'Visite à programmer'],
    });
  });
});

describe('dossiers.get', () => {
  it('returns the dossier with its deadlines counted from today in Paris', async () => {
    const detail = await t.call('dossiers.get', { id: idOf(102) });
    const { labels, ...imported } = desk.dossiers.get(102)!;
    expect(detail).toMatchObject({ ...imported, labels, followed: false, today: '2026-03-15' });
    expect(detail.deadlines).toEqual([
      { kind: 'admissibility', due: '2026-02-01', daysLeft: -42, basis: 'décret n° 2018-514, art. 4', met: true },
      { kind: 'instruction', due: '2026-08-15', daysLeft: 153, basis: 'décret n° 2018-514, art. 7', met: false },
    ]);
  });

  it('counts days from the Paris date, which is already the next day late in the UTC evening', async () => {
    t.setNow('2026-03-15T23:30:00.000Z');
    try {
      const detail = await t.call('dossiers.get', { id: idOf(106) });
      expect(detail.today).toBe('2026-03-16');
      expect(detail.deadlines).toEqual([{ kind: 'admissibility', due: '2026-03-20', daysLeft: 4, basis: 'décret n° 2018-514, art. 4', met: false }]);
    } finally {
      t.setNow(DESK_NOW);
    }
  });

  it('marks the instruction deadline met once the dossier is decided', async () => {
    const detail = await t.call('dossiers.get', { id: idOf(103) });
    expect(detail.deadlines.map((d) => [d.kind, d.met])).toEqual([
      ['admissibility', true],
      ['instruction', true],
    ]);
  });

  it("lists the pieces with their blob's text status and page count", async () => {
    const detail = await t.call('dossiers.get', { id: idOf(103) });
    expect(detail.pieces).toEqual([{ ...desk.dossiers.get(103)!.pieces[0], textStatus: 'indexed', pageCount: 2 }]);
  });

  it('says not_found for an unknown dossier', async () => {
    const error = await t.failure('dossiers.get', { id: '01890000-0000-7000-8000-000000000000' });
    expect(error.code).toBe('not_found');
  });
});

describe('pieces.content', () => {
  it("returns a piece's bytes, and piece_unreadable once the file is damaged", async () => {
    const piece = desk.dossiers.get(103)!.pieces[0];
    const content = await t.call('pieces.content', { pieceId: piece.id });
    expect(content).toEqual({ name: 'devis-chaufferie.pdf', mimeType: 'application/pdf', base64: desk.quoteBytes.toString('base64') });

    const file = path.join(t.ctx.blobs.root, piece.sha256.slice(0, 2), piece.sha256);
    writeFileSync(file, 'damaged');
    try {
      expect(await t.failure('pieces.content', { pieceId: piece.id })).toMatchObject({ code: 'piece_unreadable', params: { name: 'devis-chaufferie.pdf' } });
    } finally {
      rmSync(file);
      t.ctx.blobs.put(desk.quoteBytes);
    }
  });

  it('says not_found for an unknown piece', async () => {
    expect((await t.failure('pieces.content', { pieceId: '01890000-0000-7000-8000-000000000000' })).code).toBe('not_found');
  });
});

describe('preferences', () => {
  it('defaults to French, keeps the chosen language, and queues the choice for the hub', async () => {
    expect(await t.call('preferences.get', {})).toEqual({ language: 'fr' });
    expect(await t.call('preferences.setLanguage', { language: 'en' })).toEqual({ language: 'en' });
    expect(await t.call('preferences.get', {})).toEqual({ language: 'en' });
    expect(t.ctx.db.prepare(`SELECT args FROM outbox WHERE name = 'preferences.setLanguage'`).pluck().all()).toEqual(['{"language":"en"}']);
    await t.call('preferences.setLanguage', { language: 'fr' });
  });
});

describe('app.info', () => {
  it('describes the host and the case file', async () => {
    const info = await t.call('app.info', {});
    expect(info).toMatchObject({ version: packageJson.version, host: 'cli', dossierCount: 6, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(info.caseFilePath).toBe(path.join(t.ctx.dataDir, 'relais.sqlite'));
    expect(info.caseFileSizeBytes).toBeGreaterThan(0);
    // On disk: the file sealed (blob-cipher.ts).
    expect(info.blobsSizeBytes).toBe(desk.quoteBytes.length + SEALED_OVERHEAD_BYTES);
  });
});

describe('dispatch', () => {
  it('has a handler for every channel of the contract, and no other', () => {
    expect(Object.keys(t.handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('refuses an unknown channel by name', async () => {
    expect(await t.failure('dossiers.drop', {})).toEqual({ code: 'unknown_channel', params: { channel: 'dossiers.drop' }, issues: [] });
  });

  it('names the field at fault in invalid arguments', async () => {
    const error = await t.failure('dossiers.list', { sort: { column: 'couleur', direction: 'asc' } });
    expect(error.code).toBe('invalid_arguments');
    expect(error.issues!.map((issue) => issue.path)).toEqual(['sort.column']);
    expect((await t.failure('dossiers.list', { limit: 0 })).issues![0].path).toBe('limit');
    expect((await t.failure('dossiers.list', { filters: { states: ['perdu'] } })).issues![0].path).toBe('filters.states.0');
    expect((await t.failure('dossiers.get', { id: 'not-a-uuid' })).issues![0].path).toBe('id');
    expect((await t.failure('dossiers.get', 'plain text')).code).toBe('invalid_arguments');
  });

  it('turns an unexpected failure into internal, without throwing', async () => {
    const handlers = { ...t.handlers, 'app.info': () => { throw new Error('disk on fire'); } };
    expect(await dispatch(handlers, 'app.info', {})).toEqual({ ok: false, error: { code: 'internal', params: { message: 'disk on fire' }, issues: [] } });
  });

  it('catches a result that breaks the contract when asked to check results', async () => {
    const handlers = { ...t.handlers, 'preferences.get': () => ({ language: 'de' }) as never };
    expect((await dispatch(handlers, 'preferences.get', {}, { validateResults: true })).ok).toBe(false);
  });
});
