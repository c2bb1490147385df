/**
 * Hub schema 3: the Démarches Simplifiées connector. Its configuration (the token only encrypted),
 * where each démarche's import stands, what DS says of each dossier, the queue of changes sent to
 * DS, and the errors of recent runs for operators.
 */
import type { HubMigration } from './migration';

const SCHEMA = [
  // One row: the connector's settings. The token is AES-256-GCM ciphertext (server/ds/token-cipher.ts).
  `CREATE TABLE ds_config (
     id smallint PRIMARY KEY CHECK (id = 1),
     endpoint text NOT NULL,
     token_ciphertext bytea NOT NULL,
     demarches integer[] NOT NULL CHECK (cardinality(demarches) > 0),
     mapping jsonb NOT NULL,
     -- Hub user e-mail (lower case) → DS instructeur id, over what DS's groupes instructeurs say.
     instructeurs jsonb NOT NULL DEFAULT '{}',
     updated_at timestamptz NOT NULL
   )`,
  // Per démarche: the incremental import's position. updated_since stays fixed during a run.
  `CREATE TABLE ds_import_state (
     demarche integer PRIMARY KEY,
     updated_since timestamptz,
     end_cursor text,
     run_started_at timestamptz,
     deleted_since timestamptz,
     labels_read_at timestamptz,
     last_run_at timestamptz,
     last_success_at timestamptz,
     last_summary jsonb,
     -- Dossiers whose import failed (a file's checksum, a champ the mapping cannot read): read again by the next run.
     retry_numbers integer[] NOT NULL DEFAULT '{}'
   )`,
  // What DS last said of a dossier; relais_id is the dossier's id on the hub and the desks.
  `CREATE TABLE ds_dossier (
     number integer PRIMARY KEY,
     demarche integer NOT NULL,
     ds_id text NOT NULL UNIQUE,
     relais_id uuid NOT NULL UNIQUE,
     state text NOT NULL,
     modified_at timestamptz NOT NULL,
     champs_modified_at timestamptz NOT NULL,
     labels jsonb NOT NULL DEFAULT '[]',
     deleted_at timestamptz,
     imported_at timestamptz NOT NULL
   )`,
  // Changes to send to DS, made from hub events in their order; one row per event and kind.
  `CREATE TABLE ds_push (
     id bigserial PRIMARY KEY,
     event_seq bigint NOT NULL,
     kind text NOT NULL,
     dossier_id uuid NOT NULL,
     number integer NOT NULL,
     state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'review', 'failed')),
     attempts integer NOT NULL DEFAULT 0,
     -- Set before the first request that may have reached DS: a retry checks DS first.
     first_sent_at timestamptz,
     payload jsonb NOT NULL,
     -- Progress kept across crashes (the direct upload's signed blob id and when it was made…).
     progress jsonb NOT NULL DEFAULT '{}',
     last_error text,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     UNIQUE (event_seq, kind)
   )`,
  `CREATE INDEX ds_push_open ON ds_push (id) WHERE state = 'pending'`,
  // The last hub event turned into ds_push rows.
  `CREATE TABLE ds_push_state (
     id smallint PRIMARY KEY CHECK (id = 1),
     after_seq bigint NOT NULL
   )`,
  `INSERT INTO ds_push_state (id, after_seq) VALUES (1, 0)`,
  // Recent errors for the status view; old ones are pruned by the runs.
  `CREATE TABLE ds_error (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL,
     phase text NOT NULL CHECK (phase IN ('import', 'push', 'check')),
     number integer,
     message text NOT NULL
   )`,
];

export const dsMigration: HubMigration = {
  version: 3,
  name: 'ds-connector',
  async up(tx) {
    for (const statement of SCHEMA) await tx.query(statement);
  },
};
