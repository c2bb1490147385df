/** Migration 008: the outbox's sync columns, the keys of pending changes, the hub's versions and the conflicts. */
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

// Starts at 7 so that a test can queue a change the way issue 4 did before migrating.
const file = useMigratedCaseFile(7, { withDossier: true });

function queueAsBefore(mutationId: string, dossierId: string | null): void {
  file.db
    .prepare(
      `INSERT INTO journal (mutation_id, name, dossier_id, actor_id, actor_name, at, args, before, after, prev_hash, hash)
       VALUES (?, 'dossier.setFollowed', ?, 'a', 'A', 'now', '{}', 'null', 'null', 'p', 'h')`,
    )
    .run(mutationId, dossierId);
  file.db.prepare(`INSERT INTO outbox (mutation_id, name, args, created_at) VALUES (?, 'dossier.setFollowed', '{}', 'now')`).run(mutationId);
}

const insertConflict = (id: string, resolvedAt: string | null, choice: string | null, key = 'dossier:d1:state') =>
  file.db
    .prepare(
      `INSERT INTO sync_conflict (id, mutation_id, name, dossier_id, key, mine, theirs, created_at, resolved_at, choice)
       VALUES (?, 'm1', 'dossier.setFollowed', 'd1', ?, 'true', '{"key":"k","value":1,"version":2,"event":null}', 'now', ?, ?)`,
    )
    .run(id, key, resolvedAt, choice);

describe('migration 008: sync', () => {
  it('sets user_version 8 and creates the sync tables', () => {
    migrate(file.db, 8);
    expect(schemaVersion(file.db)).toBe(8);
    const tables = file.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['outbox_key', 'sync_field', 'sync_held', 'sync_conflict']));
  });

  it('gives changes queued before it their dossier from the journal, and no base (they never saw the hub)', () => {
    queueAsBefore('m1', 'd1');
    queueAsBefore('m2', null);
    migrate(file.db, 8);
    const rows = file.db.prepare('SELECT mutation_id, dossier_id, base, state FROM outbox ORDER BY client_seq').all();
    expect(rows).toEqual([
      { mutation_id: 'm1', dossier_id: 'd1', base: null, state: 'waiting' },
      { mutation_id: 'm2', dossier_id: null, base: null, state: 'waiting' },
    ]);
  });

  it('refuses a base that is not JSON, a key of no queued change, a negative version, a held change that is not JSON', () => {
    queueAsBefore('m1', 'd1');
    migrate(file.db, 8);
    expect(() => file.db.prepare(`UPDATE outbox SET base = '{oops' WHERE mutation_id = 'm1'`).run()).toThrow(/CHECK/);
    expect(() => file.db.prepare(`INSERT INTO outbox_key (key, mutation_id) VALUES ('dossier:d1:followed', 'nope')`).run()).toThrow(/FOREIGN KEY/);
    expect(() => file.db.prepare(`INSERT INTO sync_field (key, version, value) VALUES ('k', -1, '1')`).run()).toThrow(/CHECK/);
    expect(() => file.db.prepare(`INSERT INTO sync_held (seq, keys, event) VALUES (1, '["k"]', '{oops')`).run()).toThrow(/CHECK/);
    file.db.prepare(`INSERT INTO outbox_key (key, mutation_id) VALUES ('dossier:d1:followed', 'm1')`).run();
    expect(() => file.db.prepare(`INSERT INTO outbox_key (key, mutation_id) VALUES ('dossier:d1:followed', 'm1')`).run()).toThrow(/UNIQUE/);
  });

  it.each([
    ['an open conflict', null, null, true],
    ['a conflict settled with mine', 'now', 'mine', true],
    ['a conflict settled with theirs', 'now', 'theirs', true],
    ['a settlement without a choice', 'now', null, false],
    ['a choice without a settlement', null, 'mine', false],
    ['an unknown choice', 'now', 'both', false],
  ])('%s: accepted %s', (_what, resolvedAt, choice, accepted) => {
    queueAsBefore('m1', 'd1');
    migrate(file.db, 8);
    const insert = () => insertConflict('c1', resolvedAt, choice);
    if (accepted) expect(insert).not.toThrow();
    else expect(insert).toThrow(/CHECK/);
  });

  it('keeps one conflict per key of a change, and finds the open ones of a key through its index', () => {
    queueAsBefore('m1', 'd1');
    migrate(file.db, 8);
    insertConflict('c1', null, null);
    expect(() => insertConflict('c2', null, null)).toThrow(/UNIQUE/);
    const plan = file.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM sync_conflict WHERE key = ? AND resolved_at IS NULL`).all('k') as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('sync_conflict_open_by_key');
  });
});
