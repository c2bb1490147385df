/**
 * Sync with the hub: each queued change carries its dossier, the hub versions it was made from
 * (`base`) and, once the hub answered, its fate; the keys of changes still on their way (so that
 * edits in a row build on each other); the hub's version of every key this desk has seen; the hub's
 * changes held back meanwhile; and the conflicts a person settles.
 */
import type { Migration } from './migration';

const SCHEMA = `
ALTER TABLE outbox ADD COLUMN dossier_id TEXT;
-- JSON { key: hub version | mutation id }; NULL for changes queued before sync existed (never saw the hub).
ALTER TABLE outbox ADD COLUMN base TEXT CHECK (base IS NULL OR json_valid(base));
-- Why the hub refused it (a RejectReason) and its explanation.
ALTER TABLE outbox ADD COLUMN reason TEXT;
ALTER TABLE outbox ADD COLUMN detail TEXT;
ALTER TABLE outbox ADD COLUMN sent_at TEXT;
ALTER TABLE outbox ADD COLUMN settled_at TEXT;
-- The queue a round pushes, and the counts of the status line.
CREATE INDEX outbox_by_state ON outbox (state, client_seq);
-- The queued changes of a dossier, newest first (the outbox screen links them).
CREATE INDEX outbox_by_dossier ON outbox (dossier_id, client_seq) WHERE dossier_id IS NOT NULL;

-- What the journal knew of changes queued before this version.
UPDATE outbox SET dossier_id = (SELECT journal.dossier_id FROM journal WHERE journal.mutation_id = outbox.mutation_id);

-- The field keys a change still waiting, sent or in conflict sets; a row goes once the change is settled.
CREATE TABLE outbox_key (
  key TEXT NOT NULL,
  mutation_id TEXT NOT NULL REFERENCES outbox (mutation_id),
  PRIMARY KEY (key, mutation_id)
) WITHOUT ROWID;
CREATE INDEX outbox_key_by_mutation ON outbox_key (mutation_id);

-- The hub's version and value of each field key, as this desk last heard of it.
CREATE TABLE sync_field (
  key TEXT PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version >= 0),
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;

-- Changes from the hub held back because a change of this desk still on its way sets one of their
-- keys (its push meets them as a conflict); replayed in order once that change is settled.
CREATE TABLE sync_held (
  seq INTEGER PRIMARY KEY,                -- the hub's event number
  keys TEXT NOT NULL CHECK (json_valid(keys)),
  event TEXT NOT NULL CHECK (json_valid(event))
);

-- One row per stale key of a change the hub answered with a conflict: my value and the hub's
-- (a HubFieldState: value, version and the event that set it). Settled by 'mine' or 'theirs'.
CREATE TABLE sync_conflict (
  id TEXT PRIMARY KEY,
  mutation_id TEXT NOT NULL REFERENCES outbox (mutation_id),
  name TEXT NOT NULL,
  dossier_id TEXT,
  key TEXT NOT NULL,
  mine TEXT NOT NULL CHECK (json_valid(mine)),
  theirs TEXT NOT NULL CHECK (json_valid(theirs)),
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  choice TEXT CHECK (choice IN ('mine', 'theirs')),
  CHECK ((resolved_at IS NULL) = (choice IS NULL)),
  UNIQUE (mutation_id, key)
);
CREATE INDEX sync_conflict_open ON sync_conflict (created_at) WHERE resolved_at IS NULL;
CREATE INDEX sync_conflict_open_by_key ON sync_conflict (key) WHERE resolved_at IS NULL;
`;

export const sync008: Migration = {
  version: 8,
  name: 'sync',
  up(db) {
    db.exec(SCHEMA);
  },
};
