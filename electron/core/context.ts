/** Everything a core service needs, passed explicitly so tests and the demo can inject clock and ids. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BlobStore } from './blobs/store';

export type HostKind = 'electron' | 'browser' | 'cli';

export interface Actor {
  id: string;
  name: string;
}

export interface CoreContext {
  db: Database;
  dataDir: string;
  /** The open case file's key: in memory only, never written in the case file's folder. */
  caseFileKey: Buffer;
  blobs: BlobStore;
  /** Injectable: the demo uses a seeded clock so the same seed gives the same case file. */
  clock: () => Date;
  /** UUIDv7 by default; the demo injects a seeded generator. */
  newId: () => string;
  actor: Actor;
  host: HostKind;
  /** The version of Relais (package.json). */
  version: string;
  /**
   * 'hub': a change another desk made, replayed from the hub, which already checked it; guards
   * that compare with what this desk's screens showed (expected versions, states, roles) do not apply.
   */
  origin?: 'local' | 'hub';
}
