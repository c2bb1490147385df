/**
 * Hub schema 1: what sync stores. The rules that must hold whatever the code does are constraints
 * here: one signed verdict per dossier, no way out of a decided state, an append-only event log,
 * one result per mutation id and per device sequence number.
 */
import { randomUUID } from 'node:crypto';
import { DECISION_STATES, DECISION_TYPES } from '../../../shared/domain/decision';
import { DECIDED_STATES, DOSSIER_STATES } from '../../../shared/domain/dossier';
import type { Queryable } from '../database';
import type { HubMigration } from './migration';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The error a change out of a decided state raises (a code of our own, class RL). */
export const DOSSIER_DECIDED_SQLSTATE = 'RL001';
/** The index that holds one signed verdict per dossier. */
export const ONE_VERDICT_INDEX = 'hub_decision_one_verdict';

/** The decision types that settle a dossier once signed. */
export const VERDICT_TYPES = ['attribution', 'refus', 'sans-suite'] as const;

const STATEMENTS = [
  // One row: this hub's identity, part of every cursor it gives out.
  `CREATE TABLE hub_meta (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     hub_id uuid NOT NULL
   )`,
  // One row: the last event number given. Its row lock, taken at the end of a push, orders commits.
  `CREATE TABLE hub_clock (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     seq bigint NOT NULL CHECK (seq >= 0)
   )`,
  `INSERT INTO hub_clock (seq) VALUES (0)`,
  `CREATE TABLE hub_dossier (
     id uuid PRIMARY KEY,
     number bigint NOT NULL,
     territory_id text NOT NULL,
     region_code text NOT NULL,
     state text NOT NULL CHECK (state IN (${list(DOSSIER_STATES)})),
     assigned_email text
   )`,
  `CREATE INDEX hub_dossier_territory ON hub_dossier (territory_id)`,
  `CREATE INDEX hub_dossier_assigned ON hub_dossier (lower(assigned_email))`,
  `CREATE FUNCTION hub_dossier_stays_decided() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF OLD.state IN (${list(DECIDED_STATES)}) AND NEW.state IS DISTINCT FROM OLD.state THEN
       RAISE EXCEPTION 'dossier % is decided (%): its state is final', OLD.id, OLD.state USING ERRCODE = '${DOSSIER_DECIDED_SQLSTATE}';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER hub_dossier_stays_decided BEFORE UPDATE ON hub_dossier
     FOR EACH ROW EXECUTE FUNCTION hub_dossier_stays_decided()`,
  // Entities created by inserts (annotations, visits, decisions…): refs must find them in their dossier.
  `CREATE TABLE hub_entity (
     key text PRIMARY KEY,
     dossier_id uuid,
     mutation_id uuid NOT NULL
   )`,
  // Per-field versions. scope: '' for shared keys, the user id for a user's personal keys.
  `CREATE TABLE hub_field (
     scope text NOT NULL,
     key text NOT NULL,
     dossier_id uuid,
     value jsonb,
     version integer NOT NULL CHECK (version >= 0),
     mutation_id uuid,
     PRIMARY KEY (scope, key)
   )`,
  `CREATE TABLE hub_decision (
     id uuid PRIMARY KEY,
     dossier_id uuid NOT NULL REFERENCES hub_dossier (id),
     type text NOT NULL CHECK (type IN (${list(DECISION_TYPES)})),
     state text NOT NULL CHECK (state IN (${list(DECISION_STATES)})),
     version integer NOT NULL CHECK (version >= 1)
   )`,
  // The law's rule, held by the database whatever the code does: one signed verdict per dossier.
  `CREATE UNIQUE INDEX ${ONE_VERDICT_INDEX} ON hub_decision (dossier_id)
     WHERE state = 'signee' AND type IN (${list(VERDICT_TYPES)})`,
  `CREATE TABLE hub_event (
     seq bigint PRIMARY KEY,
     mutation_id uuid NOT NULL UNIQUE,
     name text NOT NULL,
     args jsonb NOT NULL,
     dossier_id uuid,
     audience_user uuid,
     actor_id text NOT NULL,
     actor_name text NOT NULL,
     device_id uuid,
     client_at timestamptz NOT NULL,
     recorded_at timestamptz NOT NULL,
     versions jsonb NOT NULL,
     origin text NOT NULL CHECK (origin IN ('desk', 'hub'))
   )`,
  `CREATE INDEX hub_event_dossier ON hub_event (dossier_id, seq)`,
  `CREATE FUNCTION hub_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'hub_event is append-only' USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE TRIGGER hub_event_no_change BEFORE UPDATE OR DELETE ON hub_event
     FOR EACH ROW EXECUTE FUNCTION hub_event_append_only()`,
  `CREATE TRIGGER hub_event_no_truncate BEFORE TRUNCATE ON hub_event
     FOR EACH STATEMENT EXECUTE FUNCTION hub_event_append_only()`,
  // The result of every mutation a device pushed: a retry gets it again, nothing runs twice.
  `CREATE TABLE hub_applied (
     mutation_id uuid PRIMARY KEY,
     device_id uuid NOT NULL,
     client_seq bigint NOT NULL,
     result jsonb NOT NULL,
     UNIQUE (device_id, client_seq)
   )`,
  // Blobs live in the database so that hub processes keep no state of their own.
  `CREATE TABLE hub_blob (
     sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
     size bigint NOT NULL CHECK (size >= 0),
     received bigint NOT NULL CHECK (received >= 0 AND received <= size),
     complete boolean NOT NULL DEFAULT false
   )`,
  `CREATE TABLE hub_blob_part (
     sha256 text NOT NULL REFERENCES hub_blob (sha256) ON DELETE CASCADE,
     "offset" bigint NOT NULL CHECK ("offset" >= 0),
     bytes bytea NOT NULL,
     PRIMARY KEY (sha256, "offset")
   )`,
];

export const syncMigration: HubMigration = {
  version: 1,
  name: 'sync',
  async up(tx: Queryable): Promise<void> {
    for (const statement of STATEMENTS) await tx.exec(statement);
    await tx.query('INSERT INTO hub_meta (hub_id) VALUES ($1)', [randomUUID()]);
  },
};
