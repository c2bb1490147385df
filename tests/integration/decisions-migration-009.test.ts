/** Migration 009: signatures the hub refused, kept on record; only those leave a signed act, which may then be a proposal again. */
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { useMigratedCaseFile } from './fixtures/migrated-case-file';

const file = useMigratedCaseFile(8, { withDossier: true });
const [FIRST, SECOND] = ['a'.repeat(64), 'b'.repeat(64)];

/** A signed attribution 's' with its signature, then a countersignature when `countersigned`. */
function signedDecision(countersigned = false): void {
  const blob = file.db.prepare(`INSERT INTO blob (sha256, size_bytes, mime_type, text_status) VALUES (?, 1, 'application/pdf', 'not_pdf')`);
  for (const sha of [FIRST, SECOND]) blob.run(sha);
  file.db
    .prepare(
      `INSERT INTO decision (id, dossier_seq, type, state, content, version, proposed_at, proposed_revision, created_at, created_by, updated_at)
       VALUES ('s', 1, 'attribution', 'proposee', '{"type":"attribution"}', 1, 'then', '{}', 'now', 'A', 'now')`,
    )
    .run();
  file.db.prepare(`UPDATE decision SET state = 'signee' WHERE id = 's'`).run();
  const sign = file.db.prepare(`INSERT INTO decision_signature (decision_id, position, signer_name, signer_title, signed_at, pdf_sha256) VALUES ('s', ?, 'C. Martin', 'SGAR', 'now', ?)`);
  sign.run(1, FIRST);
  if (countersigned) sign.run(2, SECOND);
}

const refuse = (sha: string) =>
  file.db
    .prepare(
      `INSERT INTO decision_signature_refused (decision_id, signer_name, signer_title, signed_at, pdf_sha256, reason, refused_at)
       VALUES ('s', 'C. Martin', 'SGAR', 'now', ?, 'decision_wrong_state', 'later')`,
    )
    .run(sha);
const removeSignature = (position: number) => () => file.db.prepare(`DELETE FROM decision_signature WHERE decision_id = 's' AND position = ?`).run(position);
const update = (set: string) => () => file.db.prepare(`UPDATE decision SET ${set} WHERE id = 's'`).run();

describe('migration 009: refused signatures', () => {
  it('sets user_version 9 and creates the table of refused signatures', () => {
    migrate(file.db, 9);
    expect(schemaVersion(file.db)).toBe(9);
    expect(file.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all()).toContain('decision_signature_refused');
  });

  it('lets a signature go only once it is on record as refused, the last one first', () => {
    migrate(file.db, 9);
    signedDecision(true);
    expect(removeSignature(2)).toThrow(/a signature never changes/);
    refuse(FIRST);
    expect(removeSignature(1)).toThrow(/a signature never changes/);
    refuse(SECOND);
    expect(removeSignature(2)).not.toThrow();
    expect(removeSignature(1)).not.toThrow();
    expect(file.db.prepare(`SELECT count(*) FROM decision_signature`).pluck().get()).toBe(0);
    expect(file.db.prepare(`SELECT pdf_sha256 FROM decision_signature_refused ORDER BY pdf_sha256`).pluck().all()).toEqual([FIRST, SECOND]);
  });

  it('lets a signed act go back to a proposal once it has no signature left, and nothing else', () => {
    migrate(file.db, 9);
    signedDecision();
    expect(update(`state = 'proposee', version = version + 1`)).toThrow(/a signed decision never changes/);
    refuse(FIRST);
    removeSignature(1)();
    expect(update(`state = 'brouillon', proposed_at = NULL, proposed_revision = NULL, version = version + 1`)).toThrow(/never changes/);
    expect(update(`state = 'proposee', content = '{"type":"attribution","amountCents":1}', version = version + 1`)).toThrow(/never changes/);
    expect(update(`state = 'proposee'`)).toThrow(/never changes/);
    expect(update(`version = version + 1, sent_back = '{}'`)).toThrow(/never changes/);
    expect(update(`state = 'proposee', version = version + 1`)).not.toThrow();
    expect(file.db.prepare(`SELECT state, version FROM decision WHERE id = 's'`).get()).toEqual({ state: 'proposee', version: 2 });
  });

  it('keeps a countersignature bumping the version only, and refusals on record for good', () => {
    migrate(file.db, 9);
    signedDecision();
    expect(update(`version = version + 1, updated_at = 'later'`)).not.toThrow();
    expect(update('version = 1')).toThrow(/never changes/);
    refuse(FIRST);
    expect(() => file.db.prepare(`UPDATE decision_signature_refused SET reason = 'x'`).run()).toThrow(/stays on record/);
    expect(() => file.db.prepare(`DELETE FROM decision_signature_refused`).run()).toThrow(/stays on record/);
    expect(() => file.db.prepare(`INSERT INTO decision_signature_refused VALUES ('nope', 'A', 'T', 'now', ?, 'r', 'now')`).run(FIRST)).toThrow(/FOREIGN KEY/);
  });
});
