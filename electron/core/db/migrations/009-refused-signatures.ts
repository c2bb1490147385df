/**
 * Signatures the hub refused (another signataire signed the same proposal first, or the dossier
 * was decided meanwhile): withdrawn from the act on this desk, which then takes the hub's, and kept
 * on record here with the reason; the signed PDF stays a blob. The triggers of 007 are re-created
 * so that only a signature recorded here may go (the last first), and a signed act left with no
 * signature goes back to a proposal; anything else about a signed act still never changes.
 */
import type { Migration } from './migration';

const SIGNED_COLUMNS = ['id', 'dossier_seq', 'type', 'content', 'proposed_at', 'proposed_revision', 'sent_back', 'created_at', 'created_by'];
const tuple = (prefix: string) => `(${SIGNED_COLUMNS.map((column) => `${prefix}.${column}`).join(', ')})`;

const SCHEMA = `
CREATE TABLE decision_signature_refused (
  decision_id TEXT NOT NULL REFERENCES decision (id),
  signer_name TEXT NOT NULL,
  signer_title TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL REFERENCES blob (sha256),
  reason TEXT NOT NULL,
  refused_at TEXT NOT NULL,
  PRIMARY KEY (decision_id, pdf_sha256)
) WITHOUT ROWID;
CREATE TRIGGER decision_signature_refused_no_update BEFORE UPDATE ON decision_signature_refused
BEGIN SELECT RAISE(ABORT, 'a refused signature stays on record'); END;
CREATE TRIGGER decision_signature_refused_no_delete BEFORE DELETE ON decision_signature_refused
BEGIN SELECT RAISE(ABORT, 'a refused signature stays on record'); END;

DROP TRIGGER decision_signature_no_delete;
CREATE TRIGGER decision_signature_no_delete BEFORE DELETE ON decision_signature
WHEN NOT EXISTS (SELECT 1 FROM decision_signature_refused r WHERE r.decision_id = OLD.decision_id AND r.pdf_sha256 = OLD.pdf_sha256)
  OR OLD.position <> (SELECT max(position) FROM decision_signature WHERE decision_id = OLD.decision_id)
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;

-- A countersignature only bumps the version; an act whose every signature was refused is a proposal again.
DROP TRIGGER decision_signed_no_update;
CREATE TRIGGER decision_signed_no_update BEFORE UPDATE ON decision WHEN OLD.state = 'signee'
  AND (${tuple('NEW')} IS NOT ${tuple('OLD')}
    OR NEW.version <= OLD.version
    OR (NEW.state <> 'signee'
      AND (NEW.state <> 'proposee' OR EXISTS (SELECT 1 FROM decision_signature WHERE decision_id = OLD.id))))
BEGIN SELECT RAISE(ABORT, 'a signed decision never changes'); END;
`;

export const refusedSignatures009: Migration = {
  version: 9,
  name: 'refused-signatures',
  up(db) {
    db.exec(SCHEMA);
  },
};
