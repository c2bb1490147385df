/** `relais demo` as a user runs it: a real process writing a real case file. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relais } from './relais-process';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-demo-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const stat = statSync(file);
      return `${path.relative(dir, file)} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

describe('relais demo', () => {
  const dataDir = path.join(tmp, 'case');

  it('writes the case file and ends with a summary line', () => {
    const { status, stdout } = relais(['demo', '--data', dataDir, '--count', '12', '--seed', '3'], 'en');
    expect(status).toBe(0);
    // First where to find the demonstration certificate, then the summary as the last line.
    const [pkiLine, summaryLine, end] = stdout.split('\n');
    expect(pkiLine).toBe(
      `To try signing: the demonstration certificate ${path.join(dataDir, 'demo-signataire.p12')} (password “demo”) and its authority ${path.join(dataDir, 'trust', 'demo-ca.pem')}, trusted by this case file. They are worthless outside the demonstration.`,
    );
    expect(summaryLine).toMatch(new RegExp(`^12 dossiers and 202 pieces written to ${dataDir} in [\\d.]+ s \\([\\d.]+ MB\\)\\.$`));
    expect(end).toBe('');
    const files = listing(dataDir);
    for (const name of ['relais.sqlite ', 'demo-signataire.p12 ', 'trust/demo-ca.pem ']) expect(files.some((line) => line.startsWith(name))).toBe(true);
  });

  it('refuses to overwrite without --force, in French, leaving the folder untouched', () => {
    const before = listing(dataDir);
    const { status, stderr } = relais(['demo', '--data', dataDir, '--count', '3']);
    expect(status).toBe(1);
    expect(stderr).toContain(`Le dossier ${dataDir} contient déjà un dossier de travail. Il n’a pas été modifié ; ajoutez --force pour le remplacer.`);
    expect(listing(dataDir)).toEqual(before);
  });

  it('prints the usage and exits 2 on a wrong count', () => {
    for (const args of [['--count', 'dix'], ['--count', '-4'], []]) {
      const { status, stderr } = relais(['demo', '--data', path.join(tmp, 'other'), ...args]);
      expect(status).toBe(2);
      expect(stderr).toContain('Utilisation : relais demo');
    }
  });
});
