import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../electron/core/blobs/store';
import { keyFileStore, requireCaseFileKey } from '../../electron/core/db/key-store';
import { generateDemo, type DemoProgress } from '../../electron/core/demo/generate';
import { LONG_FILE_PAGES } from '../../electron/core/demo/piece-pool';
import { DossierImport } from '../../shared/domain/dossier';
import { isValidSiret } from '../../shared/domain/siret';
import { RelaisError } from '../../shared/errors';
import { seedHubDemo } from '../../server/demo/seed';
import { openCaseFileDb } from '../fixtures/case-file-db';
import { openTestHubDatabase } from '../fixtures/postgres';

const COUNT = 40;
const workDir = mkdtempSync(path.join(os.tmpdir(), 'relais-demo-'));
const first = path.join(workDir, 'first');
const second = path.join(workDir, 'second');
const progress: DemoProgress[] = [];

beforeAll(async () => {
  await generateDemo({ dataDir: first, count: COUNT, seed: 7, onProgress: (p) => progress.push(p) });
  await generateDemo({ dataDir: second, count: COUNT, seed: 7 });
}, 120_000);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function openReadOnly(dataDir: string): Database.Database {
  return openCaseFileDb(dataDir, { readonly: true });
}

/** Every row of every table, in storage order. */
function dump(dataDir: string): Record<string, unknown[]> {
  const db = openReadOnly(dataDir);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).raw().all()]));
  } finally {
    db.close();
  }
}

function blobHashes(dataDir: string): string[] {
  const root = path.join(dataDir, 'blobs');
  return readdirSync(root)
    .flatMap((prefix) => readdirSync(path.join(root, prefix)))
    .sort();
}

/** Names, sizes and content hashes of every file under a folder. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return `${path.relative(dir, file)} ${statSync(file).mtimeMs} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    })
    .sort();
}

describe('generateDemo', () => {
  it('writes the same case file for the same seed: every row, journal included, and every blob', () => {
    const a = dump(first);
    const b = dump(second);
    expect(Object.keys(a)).toContain('journal');
    expect(a).toEqual(b);
    expect(blobHashes(first)).toEqual(blobHashes(second));
  });

  it('writes the dossiers the demo hub holds for the same seed: same ids, numbers and pieces', async () => {
    const hub = await openTestHubDatabase('pglite');
    try {
      await seedHubDemo(hub, { count: COUNT, seed: 7 });
      const { rows } = await hub.query<{ args: DossierImport }>("SELECT args FROM hub_event WHERE name = 'dossier.import' ORDER BY seq");
      const db = openReadOnly(first);
      const desk = db.prepare('SELECT json FROM dossier_source JOIN dossier ON dossier.seq = dossier_seq ORDER BY number').pluck().all() as string[];
      db.close();
      expect(rows.map((row) => row.args)).toEqual(desk.map((json) => JSON.parse(json)));
    } finally {
      await hub.close();
    }
  });

  it('writes COUNT dossiers that pass the schema and the SIRET check', () => {
    const db = openReadOnly(first);
    try {
      const sources = db.prepare('SELECT json FROM dossier_source').pluck().all() as string[];
      expect(sources).toHaveLength(COUNT);
      for (const json of sources) {
        const dossier = DossierImport.parse(JSON.parse(json));
        expect(isValidSiret(dossier.demandeur.siret)).toBe(true);
      }
      expect(db.prepare('SELECT count(*) FROM piece').pluck().get()).toBeGreaterThanOrEqual(2 * COUNT);
    } finally {
      db.close();
    }
  });

  it('stores each pool file once, verified, with its text searchable', () => {
    const db = openReadOnly(first);
    try {
      const blobs = db.prepare('SELECT sha256, text_status AS status, page_count AS pages FROM blob').all() as Array<{ sha256: string; status: string; pages: number | null }>;
      expect(blobs.length).toBeGreaterThanOrEqual(200);
      expect(blobHashes(first)).toEqual(blobs.map((b) => b.sha256).sort());
      const store = new BlobStore(first, requireCaseFileKey(first, keyFileStore()));
      for (const sha256 of blobHashes(first)) {
        expect(createHash('sha256').update(store.read(sha256)).digest('hex')).toBe(sha256);
      }
      expect(blobs.filter((b) => b.status === 'unreadable')).toHaveLength(1);
      expect(blobs.filter((b) => b.status === 'not_pdf')).toHaveLength(1);
      expect(blobs.some((b) => b.status === 'indexed' && b.pages === LONG_FILE_PAGES)).toBe(true);
      const quoteHits = db.prepare("SELECT count(DISTINCT sha256) FROM blob_text_fts WHERE blob_text_fts MATCH 'devis AND validite'").pluck().get() as number;
      expect(quoteHits).toBeGreaterThanOrEqual(100);
      const kbis = db.prepare("SELECT text FROM blob_text_fts WHERE blob_text_fts MATCH '\"registre du commerce\"' LIMIT 1").pluck().get() as string;
      expect(kbis).toContain('EXTRAIT D’IMMATRICULATION PRINCIPALE AU REGISTRE DU COMMERCE ET DES SOCIÉTÉS');
    } finally {
      db.close();
    }
  });

  it('gives the 2nd and 3rd dossiers the damaged uploads', () => {
    const db = openReadOnly(first);
    try {
      const statusOf = (position: number) =>
        db
          .prepare(
            `SELECT b.text_status FROM dossier d JOIN piece p ON p.dossier_seq = d.seq JOIN blob b ON b.sha256 = p.sha256
             WHERE d.seq = (SELECT seq FROM dossier ORDER BY number LIMIT 1 OFFSET ?)`,
          )
          .pluck()
          .all(position - 1);
      expect(statusOf(2)).toContain('unreadable');
      expect(statusOf(3)).toContain('not_pdf');
    } finally {
      db.close();
    }
  });

  it('reports progress through its three phases up to the end', () => {
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['pieces', 'text', 'dossiers']));
    expect(progress.at(-1)).toEqual({ phase: 'dossiers', done: COUNT, total: COUNT });
  });

  it('refuses a folder holding a case file and leaves it untouched', async () => {
    writeFileSync(path.join(first, 'notes.txt'), 'à garder');
    const before = snapshot(first);
    const error = await generateDemo({ dataDir: first, count: 3, seed: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelaisError);
    expect((error as RelaisError).code).toBe('case_file_exists');
    expect((error as RelaisError).params).toEqual({ path: first });
    expect(snapshot(first)).toEqual(before);
  });

  it('leaves no case file, and the old one in place, when a run stops midway', async () => {
    const before = snapshot(first);
    const stop = (p: DemoProgress) => {
      if (p.phase === 'dossiers' && p.done > 0) throw new Error('interrupted');
    };
    await expect(generateDemo({ dataDir: first, count: 600, seed: 8, force: true, onProgress: stop })).rejects.toThrow('interrupted');
    expect(snapshot(first)).toEqual(before);
    const fresh = path.join(workDir, 'fresh');
    await expect(generateDemo({ dataDir: fresh, count: 600, seed: 8, onProgress: stop })).rejects.toThrow('interrupted');
    expect(readdirSync(fresh)).toEqual([]);
  }, 60_000);

  it('replaces it with --force', async () => {
    const summary = await generateDemo({ dataDir: second, count: 5, seed: 9, force: true });
    expect(summary.dossiers).toBe(5);
    const db = openReadOnly(second);
    try {
      expect(db.prepare('SELECT count(*) FROM dossier').pluck().get()).toBe(5);
    } finally {
      db.close();
    }
  }, 60_000);
});
