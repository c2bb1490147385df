/** `relais journal verify` as an auditor runs it: a real process on a demo case file, then on an altered one. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseFileDb } from '../fixtures/case-file-db';
import { relais } from './relais-process';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-journal-cli-'));
const dataDir = path.join(tmp, 'case');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


/**
 * Edits the case file the way someone with an SQLite tool could: the journal's append-only
 * triggers refuse the change until they are dropped, which is the case the hash chain is for.
 */
function alter(sql: string, trigger: 'journal_no_update' | 'journal_no_delete'): void {
  const db = openCaseFileDb(dataDir);
  try {
    db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
    db.exec(sql);
  } finally {
    db.close();
  }
}

function mutationIdAt(seq: number): string {
  const db = openCaseFileDb(dataDir, { readonly: true });
  try {
    return db.prepare('SELECT mutation_id FROM journal WHERE seq = ?').pluck().get(seq) as string;
  } finally {
    db.close();
  }
}

let entries: number;

beforeAll(() => {
  const demo = relais(['demo', '--data', dataDir, '--count', '20', '--seed', '3']);
  expect(demo.status).toBe(0);
  const db = openCaseFileDb(dataDir, { readonly: true });
  entries = db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
  db.close();
});

describe('relais journal verify', () => {
  it('exits 0 on the intact demo journal and says how many entries it checked', () => {
    // 20 imports, plus the registration of every piece's file.
    expect(entries).toBeGreaterThan(20);
    const { status, stdout, stderr } = relais(['journal', 'verify', '--data', dataDir]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(`Journal intact : ${entries} entrées vérifiées.\n`);
    expect(relais(['journal', 'verify', '--data', dataDir], 'en').stdout).toBe(`Journal intact: ${entries} entries checked.\n`);
  });

  it('prints the result as JSON with --json', () => {
    const { status, stdout } = relais(['journal', 'verify', '--data', dataDir, '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ok: true, entries });
  });

  it('exits 1 naming the entry whose date was changed, in French and in English', () => {
    alter(`UPDATE journal SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 10`, 'journal_no_update');
    const mutationId = mutationIdAt(10);

    const french = relais(['journal', 'verify', '--data', dataDir]);
    expect(french.status).toBe(1);
    expect(french.stdout).toBe('');
    expect(french.stderr).toBe(
      `Journal altéré : le contenu de l’entrée n° 10 (mutation ${mutationId}) a été modifié après son enregistrement.\n` +
        'Conservez une copie de ce dossier de travail et signalez-le à votre administrateur.\n',
    );
    const english = relais(['journal', 'verify', '--data', dataDir], 'en');
    expect(english.status).toBe(1);
    expect(english.stderr).toContain(`Journal altered: the content of entry no. 10 (mutation ${mutationId}) was changed after it was recorded.`);

    const json = relais(['journal', 'verify', '--data', dataDir, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, entries: 9, broken: { seq: 10, mutationId, reason: 'hash_mismatch' } });
  });

  it('names the first break: an entry deleted before the altered one', () => {
    alter('DELETE FROM journal WHERE seq = 4', 'journal_no_delete');
    const { status, stderr } = relais(['journal', 'verify', '--data', dataDir]);
    expect(status).toBe(1);
    expect(stderr).toContain(
      `Journal altéré : des entrées ont été supprimées juste avant l’entrée n° 5 (mutation ${mutationIdAt(5)}), à partir du n° 4.`,
    );
  });

  it('prints the usage and exits 2 without --data', () => {
    const { status, stderr } = relais(['journal', 'verify'], 'en');
    expect(status).toBe(2);
    expect(stderr).toContain('Usage: relais journal verify');
  });
});
