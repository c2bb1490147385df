/**
 * `relais attach` in a real process: several files in one run, each accepted or refused on its own
 * line in the user's language, the exit status 1 when any was refused, and the case file holding
 * exactly the accepted ones afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../../electron/core/dossiers/import';
import { openSession } from '../../../electron/core/session';
import * as hostile from '../../fixtures/hostile';
import { makeDossier } from '../fixtures/core-dossiers';
import { relais } from '../relais-process';

let dataDir: string;
let filesDir: string;
const dossier = makeDossier({ number: 702, raisonSociale: 'Chaudronnerie Bernard' });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-attach-cli-'));
  filesDir = mkdtempSync(path.join(os.tmpdir(), 'relais-attach-files-'));
  const session = openSession({ dataDir, host: 'cli', create: true });
  importDossiers(session.ctx, [dossier]);
  session.close();
  writeFileSync(path.join(filesDir, 'devis.pdf'), await hostile.textPdf());
  writeFileSync(path.join(filesDir, 'script.pdf'), await hostile.activeContentPdf());
  writeFileSync(path.join(filesDir, 'rapport.pdf'), hostile.notAPdf());
  writeFileSync(path.join(filesDir, 'vide.pdf'), Buffer.alloc(0));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
});

describe('relais attach', () => {
  it('attaches the good files, says why each other one was refused, and exits 1', () => {
    const files = ['devis.pdf', 'rapport.pdf', 'vide.pdf', 'absent.pdf', 'script.pdf'].map((name) => path.join(filesDir, name));
    const run = relais(['attach', '--data', dataDir, '--dossier', dossier.id, ...files], 'fr');
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${files[0]} : joint sous le nom « devis.pdf » (2 pages)`);
    expect(lines[1]).toContain('n’est ni un PDF ni une image JPEG ou PNG, quelle que soit son extension');
    expect(lines[2]).toContain('est vide');
    expect(lines[3]).toContain('n’a pas pu être lu sur le disque');
    expect(lines[4]).toBe(`${files[4]} : joint sous le nom « script.pdf » (1 page)`);
    expect(lines[5]).toContain('Relais le garde tel quel mais ne les exécute jamais');

    const session = openSession({ dataDir, host: 'cli' });
    try {
      const names = session.ctx.db.prepare('SELECT name FROM attached_piece ORDER BY attached_at, name').pluck().all();
      expect(names.sort()).toEqual(['devis.pdf', 'script.pdf']);
      expect(session.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      session.close();
    }
  });
});
