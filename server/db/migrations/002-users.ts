/**
 * Hub schema 2: the people who may sync, their one-time enrolment codes and their devices.
 * Codes and tokens are stored as SHA-256 hashes only: a copy of the database opens no desk.
 */
import type { HubMigration } from './migration';

const SCHEMA = [
  `CREATE TABLE hub_user (
     id uuid PRIMARY KEY,
     email text NOT NULL,
     name text NOT NULL,
     role text NOT NULL CHECK (role IN ('instructeur', 'signataire', 'administrateur')),
     territories text[] NOT NULL DEFAULT '{}',
     created_at timestamptz NOT NULL
   )`,
  // One account per address, whatever its case: « Anne@x.fr » and « anne@x.fr » are one person.
  `CREATE UNIQUE INDEX hub_user_email ON hub_user (lower(email))`,
  `CREATE TABLE hub_enrolment (
     code_hash text PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES hub_user (id),
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL,
     used_at timestamptz
   )`,
  `CREATE TABLE hub_device (
     id uuid PRIMARY KEY,
     user_id uuid NOT NULL REFERENCES hub_user (id),
     name text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL,
     revoked_at timestamptz,
     last_seen_at timestamptz
   )`,
  `CREATE INDEX hub_device_user ON hub_device (user_id)`,
];

export const usersMigration: HubMigration = {
  version: 2,
  name: 'users',
  async up(tx) {
    await tx.exec(SCHEMA.join(';\n'));
  },
};
