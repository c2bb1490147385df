/**
 * Another program holds the case file's write lock for longer than SQLite waits (its busy
 * timeout): a change is refused as 'case_file_busy', with a sentence in French and in English,
 * and nothing of it is written; once the lock is let go, the same change goes through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../electron/core/mutations';
import { openSession, type Session } from '../../../electron/core/session';
import { createTranslator } from '../../../shared/i18n/translator';
import { waitFor } from '../sync-faults/processes';
import { printedLines, spawnScript } from './processes';
import { callChannel, callOk, seedDossiers } from './workload';

let dataDir: string;
let session: Session;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-busy-'));
  session = openSession({ dataDir, host: 'cli', create: true });
  seedDossiers(session, 1);
});

afterAll(() => {
  session?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const count = (table: string) => session.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('a case file another program keeps locked', () => {
  it('refuses a change as busy, writes nothing of it, and takes it once the lock is let go', async () => {
    const [{ id: dossierId }] = (await callOk(session, 'dossiers.list', {})).rows;
    const args = { dossierId: dossierId!, target: { kind: 'note' as const }, text: 'Écrite pendant qu’un autre programme tient le verrou.' };
    const before = { journal: count('journal'), outbox: count('outbox'), annotations: count('annotation') };

    const holder = spawnScript('lock-holder-process.ts', [dataDir]);
    try {
      await waitFor('the other program to hold the lock', async () => printedLines(holder).includes('held') || holder.child.exitCode !== null);
      expect(holder.child.exitCode, holder.output().stderr).toBeNull();
      const started = performance.now();
      const refused = await callChannel(session, 'annotations.add', args);
      const waitedMs = performance.now() - started;
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('case_file_busy');
      expect(createTranslator('fr').describe(refused.error)).toMatch(/^Le dossier de travail est occupé par un autre programme/);
      expect(createTranslator('en').describe(refused.error)).toMatch(/^The case file is in use by another program/);
      // SQLite waited its busy timeout before giving up: a short lock would not have been noticed.
      expect(waitedMs).toBeGreaterThan(4_000);
      expect({ journal: count('journal'), outbox: count('outbox'), annotations: count('annotation') }).toEqual(before);
    } finally {
      holder.child.stdin.end();
      expect(await holder.exited).toBe(0);
    }

    const added = await callOk(session, 'annotations.add', args);
    expect(added.text).toBe(args.text);
    expect({ journal: count('journal'), outbox: count('outbox'), annotations: count('annotation') }).toEqual({
      journal: before.journal + 1,
      outbox: before.outbox + 1,
      annotations: before.annotations + 1,
    });
    expect(session.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyJournal(session.ctx.db, { fromStart: true }).ok).toBe(true);
  }, 60_000);
});
