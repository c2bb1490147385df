import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseFilePath } from '../../electron/core/db/open';
import { IMPORT_BATCH_SIZE, importDossier, importDossiers } from '../../electron/core/dossiers/import';
import { runMutation, verifyJournal } from '../../electron/core/mutations';
import { RelaisError } from '../../shared/errors';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';

let t: TestContext;
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.dispose());

const count = (sql: string, ...params: unknown[]) => t.ctx.db.prepare(`SELECT count(*) FROM ${sql}`).pluck().get(...params);

describe('dossier.import', () => {
  it('writes the list columns with the current deadline, labels, champs, pieces and the search row', () => {
    const sha = registerTextBlob(t.ctx, ['Devis chaudière']);
    const dossier = makeDossier({
      number: 1042,
      state: 'en_instruction',
      raisonSociale: 'Fonderie Évrard',
      arDate: '2026-02-20',
      labels: ['Prioritaire', 'Visite à programmer'],
      pieces: [pieceOf(sha, 'devis.pdf')],
    });
    expect(runMutation(t.ctx, importDossier, dossier)).toEqual({ id: dossier.id });

    const row = t.ctx.db.prepare('SELECT * FROM dossier WHERE id = ?').get(dossier.id) as Record<string, unknown>;
    expect(row).toMatchObject({
      number: 1042,
      state: 'en_instruction',
      demandeur_name: 'Fonderie Évrard',
      demandeur_sort: 'fonderie evrard',
      due_date: '2026-10-20', // AR + 8 months (décret 2018-514 art. 7)
      due_kind: 'instruction',
      followed: 0,
    });
    expect(count('dossier_label WHERE dossier_seq = ?', row.seq)).toBe(2);
    expect(count('champ WHERE dossier_seq = ?', row.seq)).toBe(1);
    expect(t.ctx.db.prepare('SELECT sha256 FROM piece WHERE dossier_seq = ?').pluck().all(row.seq)).toEqual([sha]);
    expect(count(`dossier_fts WHERE dossier_fts MATCH '"evrard"'`)).toBe(1);
    expect(JSON.parse(t.ctx.db.prepare('SELECT json FROM dossier_source WHERE dossier_seq = ?').pluck().get(row.seq) as string)).toEqual(dossier);
  });

  it('journals the import without repeating the dossier, and queues nothing for the hub', () => {
    const dossier = makeDossier({ number: 7 });
    runMutation(t.ctx, importDossier, dossier);
    const entry = t.ctx.db.prepare(`SELECT * FROM journal WHERE name = 'dossier.import'`).get() as Record<string, string>;
    expect(JSON.parse(entry.args)).toEqual({ id: dossier.id, number: 7, updatedAt: dossier.updatedAt });
    expect(entry.dossier_id).toBe(dossier.id);
    expect(count('outbox')).toBe(0);
  });

  it('replaces a re-imported dossier in place and keeps the local followed flag', () => {
    const first = makeDossier({ number: 8, labels: ['Prioritaire'], raisonSociale: 'Ancienne raison' });
    runMutation(t.ctx, importDossier, first);
    t.ctx.db.prepare('UPDATE dossier SET followed = 1 WHERE id = ?').run(first.id);
    const seq = t.ctx.db.prepare('SELECT seq FROM dossier WHERE id = ?').pluck().get(first.id);

    runMutation(t.ctx, importDossier, { ...first, labels: ['À relancer'], demandeur: { ...first.demandeur, raisonSociale: 'Nouvelle raison' } });
    expect(t.ctx.db.prepare('SELECT seq, followed, demandeur_name FROM dossier').all()).toEqual([{ seq, followed: 1, demandeur_name: 'Nouvelle raison' }]);
    expect(t.ctx.db.prepare('SELECT label FROM dossier_label').pluck().all()).toEqual(['À relancer']);
    expect(count(`dossier_fts WHERE dossier_fts MATCH '"ancienne"'`)).toBe(0);
    expect(count(`dossier_fts WHERE dossier_fts MATCH '"nouvelle"'`)).toBe(1);
  });

  it('refuses a piece whose blob was never registered, naming it, and imports nothing of the batch', () => {
    const ok = makeDossier({ number: 1 });
    const orphan = makeDossier({ number: 2, pieces: [pieceOf('e'.repeat(64), 'devis-perdu.pdf')] });
    let error: unknown;
    try {
      importDossiers(t.ctx, [ok, orphan]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RelaisError);
    expect((error as RelaisError).code).toBe('piece_blob_missing');
    expect((error as RelaisError).params).toEqual({ name: 'devis-perdu.pdf', number: 2, sha256: 'e'.repeat(64) });
    expect(count('dossier')).toBe(0);
    expect(count('journal')).toBe(0);
  });

  it('imports a list in batches, reporting progress after each, with a verifiable journal', () => {
    const dossiers = Array.from({ length: IMPORT_BATCH_SIZE * 2 + 7 }, (_, i) => makeDossier({ number: i + 1 }));
    const progress: number[] = [];
    importDossiers(t.ctx, dossiers, (done, total) => {
      expect(total).toBe(dossiers.length);
      progress.push(done);
    });
    expect(progress).toEqual([IMPORT_BATCH_SIZE, IMPORT_BATCH_SIZE * 2, dossiers.length]);
    // Checkpointed once at the end, and the usual checkpoints restored.
    expect(statSync(`${caseFilePath(t.ctx.dataDir)}-wal`).size).toBe(0);
    expect(t.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(count('dossier')).toBe(dossiers.length);
    expect(verifyJournal(t.ctx.db)).toEqual({ ok: true, entries: dossiers.length });
  });
});
