/** Migration 007: decisions and their signatures, frozen once signed by the case file itself. */
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

const file = useMigratedCaseFile(7, { withDossier: true });
const SHA = 'a'.repeat(64);

function insertDecision(id: string, type: string, state: string, content = JSON.stringify({ type })) {
  const proposed = state === 'brouillon' ? null : '2026-03-01T10:00:00.000Z';
  file.db
    .prepare(
      `INSERT INTO decision (id, dossier_seq, type, state, content, version, proposed_at, proposed_revision, created_at, created_by, updated_at)
       VALUES (?, 1, ?, ?, ?, 1, ?, ?, 'now', 'A', 'now')`,
    )
    .run(id, type, state, content, proposed, proposed && '{}');
}

const sign = (id: string, position = 1) =>
  file.db
    .prepare(`INSERT INTO decision_signature (decision_id, position, signer_name, signer_title, signed_at, pdf_sha256) VALUES (?, ?, 'C. Martin', 'SGAR', 'now', ?)`)
    .run(id, position, SHA);

describe('migration 007: decisions', () => {
  it('sets user_version 7 and creates the decision and signature tables', () => {
    expect(schemaVersion(file.db)).toBe(7);
    const tables = file.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['decision', 'decision_signature']));
  });

  it.each([
    ['a draft', 'attribution', 'brouillon', JSON.stringify({ type: 'attribution' }), true],
    ['a proposal', 'refus', 'proposee', JSON.stringify({ type: 'refus' }), true],
    ['an unknown state', 'refus', 'notifiee', JSON.stringify({ type: 'refus' }), false],
    ['an unknown type', 'arrete', 'brouillon', JSON.stringify({ type: 'arrete' }), false],
    ['content of another type', 'refus', 'brouillon', JSON.stringify({ type: 'attribution' }), false],
    ['content that is not JSON', 'refus', 'brouillon', '{type', false],
  ])('%s: accepted %s', (_what, type, state, content, accepted) => {
    const insert = () => insertDecision('x', type, state, content);
    if (accepted) expect(insert).not.toThrow();
    else expect(insert).toThrow(/constraint|malformed/);
  });

  it('refuses a draft with a proposal date, and a proposal without one', () => {
    const insert = (state: string, proposedAt: string | null) =>
      file.db
        .prepare(
          `INSERT INTO decision (id, dossier_seq, type, state, content, version, proposed_at, proposed_revision, created_at, created_by, updated_at)
           VALUES (?, 1, 'refus', ?, '{"type":"refus"}', 1, ?, ?, 'now', 'A', 'now')`,
        )
        .run(`${state}-${proposedAt}`, state, proposedAt, proposedAt && '{}');
    expect(() => insert('brouillon', 'now')).toThrow(/CHECK/);
    expect(() => insert('proposee', null)).toThrow(/CHECK/);
  });

  describe('once signed', () => {
    const signed = () => {
      file.db.prepare(`INSERT INTO blob (sha256, size_bytes, mime_type, text_status) VALUES (?, 1, 'application/pdf', 'not_pdf')`).run(SHA);
      insertDecision('s', 'attribution', 'proposee');
      file.db.prepare(`UPDATE decision SET state = 'signee' WHERE id = 's'`).run();
      sign('s');
    };

    it('refuses any change or removal of the decision', () => {
      signed();
      expect(() => file.db.prepare(`UPDATE decision SET content = '{"type":"attribution","amountCents":1}' WHERE id = 's'`).run()).toThrow(/a signed decision never changes/);
      expect(() => file.db.prepare(`UPDATE decision SET state = 'brouillon', proposed_at = NULL, proposed_revision = NULL WHERE id = 's'`).run()).toThrow(/never changes/);
      expect(() => file.db.prepare(`DELETE FROM decision WHERE id = 's'`).run()).toThrow(/never changes/);
    });

    it('refuses any change or removal of a signature, and accepts a countersignature', () => {
      signed();
      expect(() => file.db.prepare(`UPDATE decision_signature SET signer_name = 'X'`).run()).toThrow(/a signature never changes/);
      expect(() => file.db.prepare(`DELETE FROM decision_signature`).run()).toThrow(/a signature never changes/);
      expect(() => sign('s', 3)).toThrow(/a signature comes after the ones before it/);
      expect(() => sign('s', 2)).not.toThrow();
      expect(() => sign('s', 2)).toThrow(/a signature comes after the ones before it/);
    });

    it('lets a countersignature bump the version only, forward', () => {
      signed();
      const update = (set: string) => () => file.db.prepare(`UPDATE decision SET ${set} WHERE id = 's'`).run();
      expect(update(`version = version + 1, updated_at = 'later'`)).not.toThrow();
      expect(file.db.prepare(`SELECT version FROM decision WHERE id = 's'`).pluck().get()).toBe(2);
      expect(update('version = 1')).toThrow(/never changes/);
      expect(update(`version = version + 1, sent_back = '{}'`)).toThrow(/never changes/);
      expect(update(`version = version + 1, created_by = 'B'`)).toThrow(/never changes/);
      expect(update(`version = version + 1, state = 'proposee'`)).toThrow(/never changes/);
    });

    it('refuses a second signed attribution, refusal or closure of the dossier, not a signed acknowledgement', () => {
      signed();
      insertDecision('r', 'refus', 'proposee');
      expect(() => file.db.prepare(`UPDATE decision SET state = 'signee' WHERE id = 'r'`).run()).toThrow(/UNIQUE/);
      insertDecision('ar', 'accuse-reception', 'proposee');
      expect(() => file.db.prepare(`UPDATE decision SET state = 'signee' WHERE id = 'ar'`).run()).not.toThrow();
    });
  });

  it('refuses a signature on a decision not signed', () => {
    file.db.prepare(`INSERT INTO blob (sha256, size_bytes, mime_type, text_status) VALUES (?, 1, 'application/pdf', 'not_pdf')`).run(SHA);
    insertDecision('p', 'refus', 'proposee');
    expect(() => sign('p')).toThrow(/only a signed decision carries signatures/);
  });

  it('reads the queue through its index', () => {
    const plan = file.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM decision WHERE state = 'proposee' ORDER BY proposed_at`).all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('decision_proposed');
  });
});
