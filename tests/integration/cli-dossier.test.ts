/** `relais dossier show` as a user runs it: a real process on a demo case file. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, CHECK_STATUSES } from '../../shared/domain/checks';
import { relais } from './relais-process';



let tmp: string;
let dataDir: string;
let ids: string[];

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-cli-dossier-'));
  dataDir = path.join(tmp, 'case');
  expect(relais(['demo', '--data', dataDir, '--count', '20', '--seed', '3']).status).toBe(0);
  const list = relais(['call', '--data', dataDir, 'dossiers.list', '{"limit": 20}']);
  ids = (JSON.parse(list.stdout) as { rows: Array<{ id: string }> }).rows.map((row) => row.id);
  expect(ids).toHaveLength(20);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('relais dossier show', () => {
  it('prints the dossier with its checks as JSON, the two deadline checks among them', () => {
    for (const id of ids) {
      const { status, stdout, stderr } = relais(['dossier', 'show', '--data', dataDir, id, '--json']);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const dossier = JSON.parse(stdout) as { id: string; checks: Array<{ id: string; status: string; due: string | null; basis: string }> };
      expect(dossier.id).toBe(id);
      expect(dossier.checks.map((check) => check.id)).toEqual([...CHECK_IDS]);
      for (const check of dossier.checks) {
        expect(CHECK_STATUSES).toContain(check.status);
        expect(check.basis).not.toBe('');
        if (check.due !== null) expect(check.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const admissibility = dossier.checks.find((check) => check.id === 'admissibility_deadline')!;
      const instruction = dossier.checks.find((check) => check.id === 'instruction_deadline')!;
      expect(admissibility.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(admissibility.basis).toBe('décret n° 2018-514, art. 4');
      expect(instruction.basis).toBe('décret n° 2018-514, art. 7');
    }
  });

  it('summarises the dossier and its checks in French, or in English', () => {
    const french = relais(['dossier', 'show', '--data', dataDir, ids[0]!]);
    expect(french.status).toBe(0);
    expect(french.stdout).toMatch(/^Dossier n° \d+ — /);
    expect(french.stdout).toContain('Contrôles réglementaires');
    expect(french.stdout).toContain('Délai de recevabilité : ');
    expect(french.stdout).toContain('Fondement : décret n° 2018-514, art. 7');
    const english = relais(['dossier', 'show', '--data', dataDir, ids[0]!], 'en');
    expect(english.status).toBe(0);
    expect(english.stdout).toContain('Legal checks');
    expect(english.stdout).toContain('Instruction deadline: ');
    expect(english.stdout).toContain('Legal basis: décret n° 2018-514, art. 4');
  });

  it('says the dossier cannot be found and exits 1 for an unknown id', () => {
    const { status, stdout, stderr } = relais(['dossier', 'show', '--data', dataDir, '0190a3c4-0000-7000-8000-000000000000', '--json']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      "L'élément demandé (dossier 0190a3c4-0000-7000-8000-000000000000) est introuvable : il a peut-être été supprimé. Revenez à la liste.",
    );
  });

  it('asks for --data with the usage, exit 2', () => {
    const { status, stderr } = relais(['dossier', 'show', ids[0]!], 'en');
    expect(status).toBe(2);
    expect(stderr).toContain('Give --data.');
    expect(stderr).toContain('Usage: relais dossier show');
  });
});
