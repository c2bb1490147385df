/**
 * `relais start`, what `npm start` runs after the build, where the Electron binary is absent:
 * it says so, creates the demo case file and the demo hub in the user data folder on first run,
 * signs the desk in to the hub, serves the desk, which syncs; stopping the desk stops the hub.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_INSTRUCTOR } from '../../electron/cli/demo-hub';
import { electronBinary } from '../../electron/cli/electron-binary';
import { FIRST_RUN_DOSSIERS } from '../../electron/core/demo/first-run';
import { callHost, runUntilReady, stop, type Served } from './relais-process';

let dataHome: string;

beforeAll(() => {
  dataHome = mkdtempSync(path.join(os.tmpdir(), 'relais-start-'));
});

afterAll(() => rmSync(dataHome, { recursive: true, force: true }));

const HUB_READY = /^Demo hub: (http:\/\/127\.0\.0\.1:\d+) \(this desk is signed in to it as Camille Démo, instructor\)\.$/m;

function hubUrlOf(served: Served): string {
  const match = HUB_READY.exec(served.stdout());
  if (!match) throw new Error(`no demo hub line in: ${served.stdout()}`);
  return match[1]!;
}

/** The desk's sync status once its first round has ended (the round starts with the desk). */
async function syncedStatus(served: Served): Promise<{ account: { email: string; hubUrl: string }; lastSyncAt: string | null; lastError: unknown; lastSummary: { pulled: number } | null }> {
  for (;;) {
    const { result } = await (await callHost(served, 'sync.status', {})).json();
    if (result.lastSyncAt !== null || result.lastError !== null) return result;
    await setTimeout(500);
  }
}

const hubAnswers = (url: string) => fetch(`${url}/v1/health`).then(() => true, () => false);

describe.skipIf(electronBinary() !== null)('relais start where the Electron binary is absent (runs only there)', () => {
  it('creates the demo case file and the demo hub on first run, serves the desk signed in to the hub, and reuses both next time', { timeout: 600_000 }, async () => {
    const env = { XDG_DATA_HOME: dataHome };
    const first = await runUntilReady(['start'], env);
    const hubUrl = hubUrlOf(first);
    const lines = first.stdout().trimEnd().split('\n');
    expect(lines).toEqual([
      'The Electron program is not installed on this machine: Relais opens in your browser.',
      `First start: creating a demo case file in ${path.join(dataHome, 'relais')}…`,
      `First start: creating the demo hub (the same dossiers) in ${path.join(dataHome, 'relais-hub')}…`,
      `Demo hub: ${hubUrl} (this desk is signed in to it as Camille Démo, instructor).`,
      `Relais ready: ${first.origin}?token=${first.token}`,
    ]);
    expect(existsSync(path.join(dataHome, 'relais', 'relais.sqlite'))).toBe(true);
    const info = await (await callHost(first, 'app.info', {})).json();
    expect(info).toMatchObject({ ok: true, result: { host: 'browser', dossierCount: FIRST_RUN_DOSSIERS } });

    // The hub holds the same dossiers: the first round brings them all, and no second copy.
    const status = await syncedStatus(first);
    expect(status).toMatchObject({ account: { email: DEMO_INSTRUCTOR.email, hubUrl }, lastError: null });
    expect(status.lastSummary?.pulled).toBe(FIRST_RUN_DOSSIERS);
    expect(await (await callHost(first, 'app.info', {})).json()).toMatchObject({ result: { dossierCount: FIRST_RUN_DOSSIERS } });

    expect((await stop(first.child, 'SIGINT')).code).toBe(0);
    await vi.waitFor(async () => expect(await hubAnswers(hubUrl)).toBe(false), { timeout: 10_000 });

    const second = await runUntilReady(['start'], env);
    expect(second.stdout()).not.toContain('First start');
    expect(second.token).not.toBe(first.token);
    const secondHub = hubUrlOf(second);
    expect((await syncedStatus(second)).account.hubUrl).toBe(secondHub);
    expect((await stop(second.child, 'SIGTERM')).code).toBe(0);
  });
});
