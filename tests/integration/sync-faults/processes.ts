/**
 * Real processes for the crash tests: `relais hub` and `relais sync` spawned as a user runs them,
 * a second PostgreSQL connection that holds the hub's clock row so that a push waits inside its
 * transaction, and a loopback proxy that can stall the hub's answers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import pg from 'pg';

const CLI = path.resolve(__dirname, '../../../electron/cli/relais.cjs');
const HUB_READY = /^Relais hub ready: (http:\/\/\S+)$/m;

/** Waits, polling, until `condition` holds; a condition never met fails after `attempts` tries. */
export async function waitFor<T>(what: string, condition: () => Promise<T | null | undefined | false>, attempts = 2_400): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await condition();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export interface Spawned {
  child: ChildProcessWithoutNullStreams;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** `relais <args>` in the background, in English. */
export function spawnRelais(args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  return spawnNode([CLI, ...args], { ...process.env, RELAIS_LANG: 'en', ...env });
}

/** `node <args>` in the background, its output collected. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv = process.env): Spawned {
  const child = spawn(process.execPath, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Kills the process outright, as a power cut would, and waits until it is gone. */
export async function sigkill(spawned: Spawned): Promise<void> {
  spawned.child.kill('SIGKILL');
  await spawned.exited;
}

export interface HubProcess extends Spawned {
  url: string;
}

/** `relais hub` on a PostgreSQL database (its URL in the environment, not on the command line). */
export async function startHubProcess(databaseUrl: string, port = 0): Promise<HubProcess> {
  const spawned = spawnRelais(['hub', '--port', String(port)], { RELAIS_HUB_DATABASE_URL: databaseUrl });
  const ready = await Promise.race([
    waitFor('the hub ready line', async () => HUB_READY.exec(spawned.output().stdout)),
    spawned.exited.then((code) => {
      throw new Error(`relais hub exited (${code}) before it was ready: ${spawned.output().stderr}`);
    }),
  ]);
  return { ...spawned, url: ready[1]! };
}

/**
 * Holds the hub's clock row from another connection: every push that reaches the end of its
 * transaction waits there (it has written everything but its event numbers) until `release`.
 */
export async function holdHubClock(databaseUrl: string): Promise<{ waitingPushes(): Promise<number>; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT seq FROM hub_clock FOR UPDATE');
  return {
    async waitingPushes() {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      return Number(rows[0]!.count);
    },
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** Connections of other processes to the hub's database still inside a transaction. */
export async function openTransactions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
    );
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

export interface StallingProxy {
  url: string;
  /** While true, the answer to a pull stops half-way: headers and half the body, then nothing. */
  stallPulls: boolean;
  /** How many pull answers were stalled so far. */
  stalled: number;
  close(): Promise<void>;
}

/** A loopback proxy in front of the hub that forwards everything, and can stall pull answers. */
export async function startStallingProxy(hubUrl: string): Promise<StallingProxy> {
  const target = new URL(hubUrl);
  const sockets = new Set<net.Socket>();
  const proxy: StallingProxy = {
    url: '',
    stallPulls: false,
    stalled: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        const stall = proxy.stallPulls && request.url?.startsWith('/v1/pull');
        if (!stall) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          response.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(body.byteLength) });
          response.write(body.subarray(0, Math.floor(body.byteLength / 2)));
          proxy.stalled += 1;
        });
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  return proxy;
}
