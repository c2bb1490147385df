import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMutation, mutationCall, runMutation, runMutations, verifyJournal } from '../../electron/core/mutations';
import { canonicalJson } from '../../electron/core/mutations/canonical-json';
import { RelaisError } from '../../shared/errors';
import { createTestContext, type TestContext } from './fixtures/core-context';

const setPreference = defineMutation({
  name: 'test.setPreference',
  args: z.object({ key: z.string().min(1), value: z.string() }),
  outbox: true,
  apply(ctx, { key, value }) {
    const before = ctx.db.prepare('SELECT value FROM preference WHERE key = ?').pluck().get(key) ?? null;
    ctx.db.prepare('INSERT INTO preference (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    return { dossierId: null, before, after: value, result: { key, value } };
  },
});

const localNote = defineMutation({
  name: 'test.localNote',
  args: z.object({ text: z.string(), secret: z.string() }),
  outbox: false,
  apply(ctx, { text }) {
    ctx.db.prepare(`INSERT INTO sync_state (key, value) VALUES ('note', ?)`).run(text);
    return { dossierId: null, before: null, after: text, result: undefined };
  },
  journalArgs: ({ text }) => ({ text }),
});

const failing = defineMutation({
  name: 'test.failing',
  args: z.object({ key: z.string() }),
  outbox: true,
  apply(ctx, { key }) {
    ctx.db.prepare(`INSERT INTO preference (key, value) VALUES (?, 'x')`).run(key);
    throw new Error('the change is refused halfway');
  },
});

let t: TestContext;
beforeEach(() => {
  t = createTestContext();
});
afterEach(() => t.dispose());

const count = (table: string) => t.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('the mutation path', () => {
  it('applies, journals with actor and clock time, and queues an outbox entry', () => {
    t.setNow('2026-04-01T08:30:00.000Z');
    expect(runMutation(t.ctx, setPreference, { key: 'language', value: 'en' })).toEqual({ key: 'language', value: 'en' });
    const entry = t.ctx.db.prepare('SELECT * FROM journal').get() as Record<string, unknown>;
    expect(entry).toMatchObject({
      name: 'test.setPreference',
      actor_id: 'instructor-test',
      actor_name: 'Camille Instructrice',
      at: '2026-04-01T08:30:00.000Z',
      args: canonicalJson({ key: 'language', value: 'en' }),
      before: 'null',
      after: '"en"',
    });
    const outbox = t.ctx.db.prepare('SELECT * FROM outbox').all() as Record<string, unknown>[];
    expect(outbox).toEqual([
      {
        client_seq: 1,
        mutation_id: entry.mutation_id,
        name: 'test.setPreference',
        args: '{"key":"language","value":"en"}',
        created_at: '2026-04-01T08:30:00.000Z',
        state: 'waiting',
        // A mutation the hub does not know sets no key it versions; the hub refuses it when it arrives.
        dossier_id: null,
        base: '{}',
        reason: null,
        detail: null,
        sent_at: null,
        settled_at: null,
      },
    ]);
  });

  it('chains the journal: each entry hashes the previous one, and an altered entry breaks the chain', () => {
    for (const value of ['fr', 'en', 'fr']) runMutation(t.ctx, setPreference, { key: 'language', value });
    expect(verifyJournal(t.ctx.db)).toEqual({ ok: true, entries: 3 });
    const rows = t.ctx.db.prepare('SELECT prev_hash, hash FROM journal ORDER BY seq').all() as { prev_hash: string; hash: string }[];
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);

    // Tampering needs the append-only triggers out of the way, which is what an attacker would do.
    t.ctx.db.exec('DROP TRIGGER journal_no_update');
    t.ctx.db.prepare(`UPDATE journal SET after = '"de"' WHERE seq = 2`).run();
    // A full audit recomputes everything; the session's quick check trusts what it already verified.
    expect(verifyJournal(t.ctx.db, { fromStart: true })).toMatchObject({ ok: false, broken: { seq: 2, reason: 'hash_mismatch' } });
    expect(verifyJournal(t.ctx.db)).toEqual({ ok: true, entries: 3 });
  });

  it('checks again only the entries appended since the last check, and still finds a broken one there', () => {
    for (const value of ['fr', 'en']) runMutation(t.ctx, setPreference, { key: 'language', value });
    expect(verifyJournal(t.ctx.db)).toEqual({ ok: true, entries: 2 });
    runMutation(t.ctx, setPreference, { key: 'language', value: 'fr' });
    t.ctx.db.exec('DROP TRIGGER journal_no_update');
    t.ctx.db.prepare(`UPDATE journal SET after = '"de"' WHERE seq = 3`).run();
    expect(verifyJournal(t.ctx.db)).toMatchObject({ ok: false, entries: 2, broken: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('rolls everything back when apply fails: no change, no journal, no outbox', () => {
    expect(() => runMutation(t.ctx, failing, { key: 'language' })).toThrow(/refused halfway/);
    expect(count('preference')).toBe(0);
    expect(count('journal')).toBe(0);
    expect(count('outbox')).toBe(0);
  });

  it('queues only mutations marked for the outbox, and journals the reduced arguments', () => {
    runMutation(t.ctx, localNote, { text: 'visite prévue', secret: 'not for the journal' });
    expect(count('outbox')).toBe(0);
    expect(t.ctx.db.prepare('SELECT args FROM journal').pluck().get()).toBe('{"text":"visite prévue"}');
  });

  it('refuses invalid arguments with the field at fault, before any write', () => {
    let error: unknown;
    try {
      runMutation(t.ctx, setPreference, { key: '', value: 'en' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RelaisError);
    expect((error as RelaisError).code).toBe('invalid_arguments');
    expect((error as RelaisError).issues[0].path).toBe('key');
    expect(count('journal')).toBe(0);
  });

  it('runs a batch in one transaction: a failure in the middle undoes the batch', () => {
    expect(() =>
      runMutations(t.ctx, [
        mutationCall(setPreference, { key: 'a', value: '1' }),
        mutationCall(failing, { key: 'b' }),
        mutationCall(setPreference, { key: 'c', value: '3' }),
      ]),
    ).toThrow();
    expect(count('preference')).toBe(0);
    expect(count('journal')).toBe(0);

    const results = runMutations(t.ctx, [mutationCall(setPreference, { key: 'a', value: '1' }), mutationCall(setPreference, { key: 'c', value: '3' })]);
    expect(results).toEqual([{ key: 'a', value: '1' }, { key: 'c', value: '3' }]);
    expect(t.ctx.db.prepare('SELECT client_seq FROM outbox ORDER BY client_seq').pluck().all()).toEqual([1, 2]);
    expect(verifyJournal(t.ctx.db)).toEqual({ ok: true, entries: 2 });
  });
});
