/** Starts a hub: opens (and migrates) its database, then serves the HTTP app until closed. */
import type { AddressInfo } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import type { HubDatabase } from './db/database';
import { openHubDatabase, type HubDatabaseOptions } from './db/open';
import { lockHubFolder } from './folder-lock';
import { buildHubApp } from './http/app';
import type { TrustedProxies } from './http/proxy';
import { startDsScheduler } from './ds/scheduler';

export type StartHubOptions = HubDatabaseOptions & {
  port?: number;
  /** Loopback unless told otherwise: exposing a hub is a choice (behind a TLS proxy). */
  host?: string;
  logger?: FastifyServerOptions['logger'];
  /** Behind a reverse proxy: callers' addresses come from X-Forwarded-For (server/http/proxy.ts). */
  trustProxy?: TrustedProxies;
  /** Minutes between DS runs (import, then push); 0 or absent: none. */
  dsIntervalMinutes?: number;
};

export interface RunningHub {
  url: string;
  close(): Promise<void>;
}

/** The hub's database, with its data folder locked for this process (a server needs no lock). */
export async function openLockedHubDatabase(options: HubDatabaseOptions): Promise<HubDatabase> {
  const release = 'dataDir' in options ? lockHubFolder(options.dataDir) : () => {};
  try {
    const db = await openHubDatabase(options);
    return {
      ...db,
      async close() {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Runs `work` on the hub's database and closes it, whatever happens (the administration commands). */
export async function withHubDatabase<T>(options: HubDatabaseOptions, work: (db: HubDatabase) => Promise<T>): Promise<T> {
  const db = await openLockedHubDatabase(options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function startHub({ port = 0, host = '127.0.0.1', logger = false, trustProxy = false, dsIntervalMinutes = 0, ...database }: StartHubOptions): Promise<RunningHub> {
  const db = await openLockedHubDatabase(database);
  const app = buildHubApp({ db, logger, trustProxy });
  try {
    await app.listen({ host, port });
  } catch (error) {
    await db.close();
    throw error;
  }
  const scheduler = dsIntervalMinutes > 0 ? startDsScheduler(db, { intervalMs: dsIntervalMinutes * 60_000, log: app.log }) : null;
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    async close() {
      try {
        await scheduler?.stop();
        await app.close();
      } finally {
        await db.close();
      }
    },
  };
}
