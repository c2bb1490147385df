/**
 * A session: the open case file, its context and its handler map. Every host (Electron, the
 * browser host, `relais call`, the demo generator) opens exactly this.
 */
import os from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import packageJson from '../../package.json';
import { BlobStore } from './blobs/store';
import type { Actor, CoreContext, HostKind } from './context';
import { caseFilePath, openCaseFile } from './db/open';
import { createHandlers, type Handlers } from './handlers';

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

/** Until sign-in exists, the actor is the account on this computer. */
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
    actor: options.actor ?? localActor(),
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
