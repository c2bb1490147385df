/**
 * A session: the open case file, its context and its handler map. Every host (Electron, the
 * browser host, `relais call`, the demo generator) opens exactly this.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import packageJson from '../../package.json';
import { RelaisError } from '../../shared/errors';
import { BlobStore } from './blobs/store';
import type { Actor, CoreContext, HostKind } from './context';
import { type CaseFileKeyStore, findOrCreateCaseFileKey, keyFileStore, requireCaseFileKey } from './db/key-store';
import { caseFilePath, isPlainCaseFile, openCaseFile } from './db/open';
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

/**
 * The case file's key, and its blobs sealed. An encrypted case file must find its key (never a new
 * one over old data); a plain one from an earlier Relais gets one, and its blobs are sealed before
 * the case file itself is encrypted, so an upgrade cut short is taken up again at the next open.
 */
function unlockCaseFile(dataDir: string, create: boolean, keyStore: CaseFileKeyStore): { key: Buffer; blobs: BlobStore } {
  const file = caseFilePath(dataDir);
  const plain = isPlainCaseFile(file);
  // An empty file is a creation cut short, maybe before its key was named: nothing to unlock.
  const fresh = !plain && !(existsSync(file) && statSync(file).size > 0);
  if (fresh && !create) throw new RelaisError('case_file_missing', { path: dataDir });
  const key = plain || fresh ? findOrCreateCaseFileKey(dataDir, keyStore) : requireCaseFileKey(dataDir, keyStore);
  const blobs = new BlobStore(dataDir, key);
  if (plain) blobs.sealPlainFiles();
  return { key, blobs };
}

/** `keyStore`: where the case file's key is kept; key files in the key directory unless a host brings its own. */
export function openSession(options: SessionOptions, keyStore: CaseFileKeyStore = keyFileStore()): Session {
  const create = options.create ?? false;
  const { key, blobs } = unlockCaseFile(options.dataDir, create, keyStore);
  const db = openCaseFile(caseFilePath(options.dataDir), { create, key });
  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    caseFileKey: key,
    blobs,
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
      // Keeps the planner's statistics current for the next start. ctx.db: a restore may have reopened it.
      ctx.db.pragma('optimize');
      ctx.db.close();
    },
  };
}
