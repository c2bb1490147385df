/** `relais` as a user runs it, in a real process: a command to its end, or a host until its ready line. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../electron/cli/relais.cjs');
/** Runs `relais <args>` to its end, from another folder (it must not depend on the current one); `env` adds variables. */
export function relais(args: string[], lang: 'fr' | 'en' = 'fr', env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: { ...process.env, RELAIS_LANG: lang, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const READY = /^Relais ready: (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]{43})$/m;
const HUB_READY = /^Relais hub ready: (http:\/\/127\.0\.0\.1:\d+)$/m;

export interface Served {
  child: ChildProcessWithoutNullStreams;
  /** `http://127.0.0.1:<port>/` */
  origin: string;
  port: number;
  token: string;
  stdout: () => string;
  stderr: () => string;
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  /** The ready line's match. */
  ready: RegExpExecArray;
  stdout: () => string;
  stderr: () => string;
}

/** Runs `relais <args>` (in English) and resolves once its output matches `pattern`. */
async function runUntil(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, RELAIS_LANG: 'en', ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`relais ${args[0]} exited (${code}) before it was ready: ${stderr}`)));
  });
  return { child, ready, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `relais <args>` (in English) and resolves once it has printed its ready line. */
export async function runUntilReady(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const { child, ready, stdout, stderr } = await runUntil(args, READY, env);
  return { child, origin: ready[1]!, port: Number(ready[2]), token: ready[3]!, stdout, stderr };
}

export interface HubProcess {
  child: ChildProcessWithoutNullStreams;
  /** `http://127.0.0.1:<port>` */
  url: string;
  stdout: () => string;
  stderr: () => string;
}

/** Runs `relais hub <args>` (in English) and resolves once it serves. */
export async function runHubProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<HubProcess> {
  const { child, ready, stdout, stderr } = await runUntil(['hub', ...args], HUB_READY, env);
  return { child, url: ready[1]!, stdout, stderr };
}

/** Sends a signal; resolves with the exit code and the time the process took to end. */
export async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const exited = once(child, 'exit') as Promise<[number | null]>;
  child.kill(signal);
  const [code] = await exited;
  return { code, ms: Date.now() - started };
}

/** A contract call over HTTP, with the token unless other headers are given. */
export function callHost(host: Served, channel: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${host.token}` }) {
  return fetch(`${host.origin}api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
