/**
 * Decisions: the act's content (JSON, shared/domain/decision.ts) and its life brouillon → proposee
 * → signee, and the signatures on it. A signed decision and its signatures never change: triggers
 * refuse it, whatever writes to the file; a dossier is decided by at most one signed act.
 */
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE decision (
  id TEXT PRIMARY KEY,
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq),
  type TEXT NOT NULL CHECK (type IN ('accuse-reception', 'demande-pieces', 'attribution', 'refus', 'sans-suite')),
  state TEXT NOT NULL CHECK (state IN ('brouillon', 'proposee', 'signee')),
  content TEXT NOT NULL CHECK (json_valid(content) AND json_extract(content, '$.type') = type),
  version INTEGER NOT NULL CHECK (version >= 1),
  proposed_at TEXT,
  -- What the applicant had sent when the act was proposed (a hash of the company, project,
  -- finances, fields and pieces): a later import that changes it sends the proposal back for review.
  proposed_revision TEXT,
  sent_back TEXT CHECK (sent_back IS NULL OR json_valid(sent_back)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((state = 'brouillon') = (proposed_at IS NULL)),
  CHECK ((proposed_at IS NULL) = (proposed_revision IS NULL))
);
CREATE INDEX decision_by_dossier ON decision (dossier_seq, created_at);
-- The « à signer » queue, oldest proposal first.
CREATE INDEX decision_proposed ON decision (proposed_at) WHERE state = 'proposee';
-- A dossier is accepted, refused or closed once (DS and the hub hold the same rule).
CREATE UNIQUE INDEX decision_one_verdict ON decision (dossier_seq) WHERE state = 'signee' AND type IN ('attribution', 'refus', 'sans-suite');

-- A countersignature only bumps the version (a new signature row points to the latest PDF).
CREATE TRIGGER decision_signed_no_update BEFORE UPDATE ON decision WHEN OLD.state = 'signee'
  AND ((NEW.id, NEW.dossier_seq, NEW.type, NEW.state, NEW.content, NEW.proposed_at, NEW.proposed_revision, NEW.sent_back, NEW.created_at, NEW.created_by)
    IS NOT (OLD.id, OLD.dossier_seq, OLD.type, OLD.state, OLD.content, OLD.proposed_at, OLD.proposed_revision, OLD.sent_back, OLD.created_at, OLD.created_by)
    OR NEW.version <= OLD.version)
BEGIN SELECT RAISE(ABORT, 'a signed decision never changes'); END;
CREATE TRIGGER decision_signed_no_delete BEFORE DELETE ON decision WHEN OLD.state = 'signee'
BEGIN SELECT RAISE(ABORT, 'a signed decision never changes'); END;

-- Each signature and the PDF as it was once signed: the first, then any countersignature, whose
-- PDF is the one before with its signature appended; the last row's PDF is the act as it stands.
CREATE TABLE decision_signature (
  decision_id TEXT NOT NULL REFERENCES decision (id),
  position INTEGER NOT NULL CHECK (position >= 1),
  signer_name TEXT NOT NULL,
  signer_title TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL REFERENCES blob (sha256),
  PRIMARY KEY (decision_id, position)
) WITHOUT ROWID;

CREATE TRIGGER decision_signature_needs_signed BEFORE INSERT ON decision_signature
WHEN (SELECT state FROM decision WHERE id = NEW.decision_id) IS NOT 'signee'
BEGIN SELECT RAISE(ABORT, 'only a signed decision carries signatures'); END;
CREATE TRIGGER decision_signature_next BEFORE INSERT ON decision_signature
WHEN NEW.position <> 1 + (SELECT count(*) FROM decision_signature WHERE decision_id = NEW.decision_id)
BEGIN SELECT RAISE(ABORT, 'a signature comes after the ones before it'); END;
CREATE TRIGGER decision_signature_no_update BEFORE UPDATE ON decision_signature
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;
CREATE TRIGGER decision_signature_no_delete BEFORE DELETE ON decision_signature
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;
`;

export const decisions007: Migration = {
  version: 7,
  name: 'decisions',
  up(db) {
    db.exec(SCHEMA);
  },
};
