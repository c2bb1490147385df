import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-migration-005-'));
  db = new Database(path.join(dir, 'relais.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, 5);
  db.prepare(
    `INSERT INTO dossier (id, number, state, demandeur_name, demandeur_sort, siret, projet_title, projet_sort, territory_id, territory_name,
       territory_sort, region_code, region_name, volet, amount_requested_cents, received_at, updated_at)
     VALUES ('d1', 1, 'en_construction', 'A', 'a', '1', 'P', 'p', 'ti-0001', 'T', 't', '44', 'R', 1, 0, '2026-01-01', '2026-01-01')`,
  ).run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insertMessage = (id: string, state: string, answerDays: number, dossierSeq = 1) =>
  db
    .prepare(
      `INSERT INTO message (id, dossier_seq, template_id, subject, body, answer_days, version, state, author, created_at, updated_at)
       VALUES (?, ?, 'message_libre', 's', 'b', ?, 1, ?, 'A', 'now', 'now')`,
    )
    .run(id, dossierSeq, answerDays, state);

describe('migration 005: messages and instruction facts', () => {
  it('sets user_version 5 and creates the message and instruction_facts tables', () => {
    expect(schemaVersion(db)).toBe(5);
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['message', 'instruction_facts']));
  });

  it.each([
    ['a draft', 'm1', 'draft', 30, 1, true],
    ['a queued message', 'm2', 'queued', 1, 1, true],
    ['an unknown state', 'm3', 'sent', 30, 1, false],
    ['a delay of 0 days', 'm4', 'draft', 0, 1, false],
    ['a delay over a year', 'm5', 'draft', 366, 1, false],
    ['a message of no dossier', 'm6', 'draft', 30, 99, false],
  ])('%s: accepted %s', (_what, id, state, days, seq, accepted) => {
    const insert = () => insertMessage(id, state, days, seq);
    if (accepted) expect(insert).not.toThrow();
    else expect(insert).toThrow(/constraint/);
  });

  it('finds a sent message’s outbox entry through the index', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT state FROM outbox WHERE name = 'message.send' AND json_extract(args, '$.messageId') = ?`)
      .all('m1') as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('outbox_message_send');
  });

  it('keeps one facts document per dossier', () => {
    db.prepare(`INSERT INTO instruction_facts (dossier_seq, json) VALUES (1, '{}')`).run();
    expect(() => db.prepare(`INSERT INTO instruction_facts (dossier_seq, json) VALUES (1, '{}')`).run()).toThrow(/UNIQUE/);
  });
});
