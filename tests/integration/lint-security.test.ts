/**
 * `npm run lint:security` (which CI also runs on the project itself): a new unjustified finding
 * (an unsandboxed window without context isolation) makes it fail, naming the check and the file,
 * while the project's own findings stay justified.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeFindings, type Finding } from '../../electron/scripts/security-findings';

const ROOT = path.resolve(__dirname, '../..');
const ALLOW_LIST = path.join(ROOT, 'resources/security/electronegativity-allow.json');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'relais-lint-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('lint:security', () => {
  it('fails on a new finding the allow-list does not justify', () => {
    // A copy of the project's scanned files, plus one unsafe window.
    const project = path.join(scratch, 'project');
    cpSync(path.join(ROOT, 'electron'), path.join(project, 'electron'), { recursive: true });
    mkdirSync(path.join(project, 'renderer'));
    cpSync(path.join(ROOT, 'renderer/index.html'), path.join(project, 'renderer/index.html'));
    writeFileSync(
      path.join(project, 'electron/main/report-window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const open = () =>',
        '  new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
        '',
      ].join('\n'),
    );
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/scripts/lint-security.ts'), '--root', project, '--allow', ALLOW_LIST],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Unjustified: CONTEXT_ISOLATION_JS_CHECK in electron\/main\/report-window\.ts:3/);
    expect(run.stderr).toMatch(/Unjustified: SANDBOX_JS_CHECK in electron\/main\/report-window\.ts:3/);
    // The window's three findings, and nothing else: the project's own are justified, no entry stale.
    expect(run.stderr).toMatch(/lint:security failed: 3 problem\(s\)/);
    expect(run.stderr).not.toMatch(/Stale|Not checked/);
  });

  it('reports an allow-list entry that matches nothing any more', () => {
    const finding: Finding = { check: 'PRELOAD_JS_CHECK', file: 'electron/main/index.ts', line: 1, column: 1, description: '' };
    const kept = { check: 'PRELOAD_JS_CHECK', file: 'electron/main/index.ts', reason: 'x'.repeat(20) };
    const gone = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/links.ts', reason: 'x'.repeat(20) };
    expect(judgeFindings([finding], [kept, gone])).toEqual({ unjustified: [], stale: [gone] });
  });
});
