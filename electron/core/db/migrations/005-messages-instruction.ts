/** Messages to the applicant (drafts and sent ones) and the instruction facts the legal checks need. */
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE message (
  id TEXT PRIMARY KEY,
  dossier_seq INTEGER NOT NULL REFERENCES dossier (seq) ON DELETE CASCADE,
  template_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  answer_days INTEGER NOT NULL CHECK (answer_days BETWEEN 1 AND 365),
  version INTEGER NOT NULL CHECK (version >= 1),
  -- 'queued' once sent: what the hub makes of it is the state of its 'message.send' outbox row.
  state TEXT NOT NULL CHECK (state IN ('draft', 'queued')),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  answer_by TEXT
);
CREATE INDEX message_by_dossier ON message (dossier_seq, created_at);
-- A sent message follows its outbox row: found by the message id its arguments carry.
CREATE INDEX outbox_message_send ON outbox (json_extract(args, '$.messageId')) WHERE name = 'message.send';

-- One JSON document per dossier (shared/domain/instruction.ts InstructionFacts), written whole.
CREATE TABLE instruction_facts (
  dossier_seq INTEGER PRIMARY KEY REFERENCES dossier (seq) ON DELETE CASCADE,
  json TEXT NOT NULL
);
`;

export const messagesInstruction005: Migration = {
  version: 5,
  name: 'messages-instruction',
  up(db) {
    db.exec(SCHEMA);
  },
};
