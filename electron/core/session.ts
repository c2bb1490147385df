/**
 * A session: the open case file, its context and its handler map. Every host (Electron, the
 * browser host, `relais call`, the demo generator) opens exactly this.
 */
import os from 'node:os';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import packageJson from '../../package.json';
import { BlobStore } from './blobs/store';
import type { Actor, CoreContext, HostKind } from './context';
import { caseFilePath, openCaseFile } from './db/open';
import { createHandlers, type Handlers } from './handlers';
import { accountActor, readAccount } from './sync/account';

export interface SessionOptions {
  dataDir: string;
  host: HostKind;
  /** Create the case file when the folder has none (otherwise 'case_file_missing'). */
  create?: boolean;
  clock?: () => Date;
  newId?: () => string;
  actor?: Actor;
}

export interface Session {
  ctx: CoreContext;
  handlers: Handlers;
  close(): void;
}

/** Signed in to a hub, the desk acts as the hub user; otherwise as the account on this computer. */
function deskActor(db: Database): Actor {
  const account = readAccount(db);
  return account ? accountActor(account) : localActor();
}

function localActor(): Actor {
  const { username } = os.userInfo();
  return { id: `local:${username}`, name: username };
}

export function openSession(options: SessionOptions): Session {
  const db = openCaseFile(caseFilePath(options.dataDir), { create: options.create ?? false });
  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    blobs: new BlobStore(options.dataDir),
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? uuidv7,
    actor: options.actor ?? deskActor(db),
    host: options.host,
    version: packageJson.version,
  };
  let open = true;
  return {
    ctx,
    handlers: createHandlers(ctx),
    close() {
      if (!open) return;
      open = false;
      // Keeps the planner's statistics current for the next start.
      db.pragma('optimize');
      db.close();
    },
  };
}
