import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../electron/core/reference/paths';
import { loadProgramme, PROGRAMME_FILE, readProgramme, visitChecklist } from '../../electron/core/reference/programme';
import { maximumScore } from '../../shared/domain/programme';
import { relaisErrorOf } from './fixtures/relais-error';

const shipped = path.join(resourcesDir(), PROGRAMME_FILE);
const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-programme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped file with one change, written to a temporary file. */
function variant(change: (programme: any) => void, text?: string): string {
  const programme = JSON.parse(readFileSync(shipped, 'utf8'));
  change(programme);
  const file = path.join(dir, `variant-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text ?? JSON.stringify(programme));
  return file;
}

describe('the Territoires d’industrie programme file', () => {
  it('is valid, versioned, and holds the gates, the weighted grid and the visit checklist', () => {
    const programme = loadProgramme();
    expect(programme.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(programme.validFrom <= programme.validUntil).toBe(true);
    const gates = programme.criteria.filter((c) => c.kind === 'eligibility').map((c) => c.id);
    expect(gates).toEqual(['eligible_applicant', 'site_in_territory', 'not_in_difficulty', 'tax_social_obligations', 'no_early_start']);
    expect(programme.criteria.find((c) => c.id === 'no_early_start')?.basis).toBe('Décret n° 2018-514, art. 5');
    const environment = programme.criteria.filter((c) => c.group === 'environmental_performance').map((c) => c.id);
    expect(environment).toEqual([
      'environment_greenhouse_gases',
      'environment_land_sobriety',
      'environment_circular_economy',
      'environment_water',
      'environment_biodiversity',
    ]);
    expect(maximumScore(programme.criteria)).toBe(100);
    expect(programme.minimumScore).toBe(50);
    expect(visitChecklist().length).toBeGreaterThanOrEqual(5);
    for (const item of [...programme.criteria, ...programme.visitChecklist]) {
      expect(item.label.fr.length && item.label.en.length).toBeTruthy();
    }
  });

  it.each([
    ['a missing version', (p: any) => delete p.version, 'version'],
    ['a version that is not x.y.z', (p: any) => (p.version = 'v2'), 'version'],
    ['a validity that ends before it starts', (p: any) => (p.validUntil = '2023-12-31'), 'validUntil'],
    ['a date that does not exist', (p: any) => (p.validFrom = '2025-02-29'), 'validFrom'],
    ['a label without its English text', (p: any) => delete p.criteria[2].label.en, 'criteria.2.label.en'],
    ['a scoring criterion without a weight', (p: any) => delete p.criteria[5].weight, 'criteria.5.weight'],
    ['a gate that carries a weight', (p: any) => (p.criteria[0].weight = 5), 'criteria.0'],
    ['an unknown kind of criterion', (p: any) => (p.criteria[1].kind = 'bonus'), 'criteria.1.kind'],
    ['a criterion id used twice', (p: any) => (p.criteria[6].id = p.criteria[5].id), 'criteria.6.id'],
    ['a group that is not declared', (p: any) => (p.criteria[3].group = 'nowhere'), 'criteria.3.group'],
    ['an unknown proposal rule', (p: any) => (p.criteria[0].proposedBy = 'guess'), 'criteria.0.proposedBy'],
    ['a minimum score above the maximum', (p: any) => (p.minimumScore = 101), 'minimumScore'],
    ['an empty checklist', (p: any) => (p.visitChecklist = []), 'visitChecklist'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const file = variant(change);
    const error = relaisErrorOf(() => readProgramme(file));
    expect(error.code).toBe('programme_invalid');
    expect(error.params).toMatchObject({ file, field });
  });

  it('refuses a file that is not JSON, and a file that does not exist', () => {
    const broken = variant(() => {}, '{ "id": "territoires_industrie", ');
    expect(relaisErrorOf(() => readProgramme(broken))).toMatchObject({ code: 'programme_invalid', params: { file: broken, field: '(fichier)' } });
    const missing = path.join(dir, 'absent.json');
    expect(relaisErrorOf(() => readProgramme(missing))).toMatchObject({ code: 'programme_invalid', params: { file: missing } });
  });
});
