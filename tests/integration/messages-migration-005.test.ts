import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

const file = useMigratedCaseFile(5, { withDossier: true });

const insertMessage = (id: string, state: string, answerDays: number, dossierSeq = 1) =>
  file.db
    .prepare(
      `INSERT INTO message (id, dossier_seq, template_id, subject, body, answer_days, version, state, author, created_at, updated_at)
       VALUES (?, ?, 'message_libre', 's', 'b', ?, 1, ?, 'A', 'now', 'now')`,
    )
    .run(id, dossierSeq, answerDays, state);

describe('migration 005: messages and instruction facts', () => {
  it('sets user_version 5 and creates the message and instruction_facts tables', () => {
    expect(schemaVersion(file.db)).toBe(5);
    const tables = file.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
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
    const plan = file.db
      .prepare(`EXPLAIN QUERY PLAN SELECT state FROM outbox WHERE name = 'message.send' AND json_extract(args, '$.messageId') = ?`)
      .all('m1') as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('outbox_message_send');
  });

  it('keeps one facts document per dossier', () => {
    file.db.prepare(`INSERT INTO instruction_facts (dossier_seq, json) VALUES (1, '{}')`).run();
    expect(() => file.db.prepare(`INSERT INTO instruction_facts (dossier_seq, json) VALUES (1, '{}')`).run()).toThrow(/UNIQUE/);
  });
});
