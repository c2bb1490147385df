/**
 * `relais start`, what `npm start` runs after the build, where the Electron binary is absent:
 * it says so, creates the demo case file in the user data folder on first run, and serves it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/cli/electron-binary';
import { FIRST_RUN_DOSSIERS } from '../../electron/core/demo/first-run';
import { callHost, runUntilReady, stop } from './relais-process';

let dataHome: string;

beforeAll(() => {
  dataHome = mkdtempSync(path.join(os.tmpdir(), 'relais-start-'));
});

afterAll(() => rmSync(dataHome, { recursive: true, force: true }));

describe.skipIf(electronBinary() !== null)('relais start where the Electron binary is absent (runs only there)', () => {
  it('creates the demo case file on first run, serves it, and reuses it next time', { timeout: 300_000 }, async () => {
    const env = { XDG_DATA_HOME: dataHome };
    const first = await runUntilReady(['start'], env);
    const lines = first.stdout().trimEnd().split('\n');
    expect(lines).toEqual([
      'The Electron program is not installed on this machine: Relais opens in your browser.',
      `First start: creating a demo case file in ${path.join(dataHome, 'relais')}…`,
      `Relais ready: ${first.origin}?token=${first.token}`,
    ]);
    expect(existsSync(path.join(dataHome, 'relais', 'relais.sqlite'))).toBe(true);
    const info = await (await callHost(first, 'app.info', {})).json();
    expect(info).toMatchObject({ ok: true, result: { host: 'browser', dossierCount: FIRST_RUN_DOSSIERS } });
    expect((await stop(first.child, 'SIGINT')).code).toBe(0);

    const second = await runUntilReady(['start'], env);
    expect(second.stdout()).not.toContain('creating a demo case file');
    expect(second.token).not.toBe(first.token);
    expect((await stop(second.child, 'SIGTERM')).code).toBe(0);
  });
});
