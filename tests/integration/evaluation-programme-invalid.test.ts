/** A broken programme file on disk: the evaluation says which field is at fault, through the contract, and changes nothing. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { importDossiers } from '../../electron/core/dossiers/import';
import { resourcesDir } from '../../electron/core/reference/paths';
import { PROGRAMME_FILE } from '../../electron/core/reference/programme';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';

const shipped = resourcesDir();
const resources = mkdtempSync(path.join(os.tmpdir(), 'relais-resources-'));
let t: TestContext;
const dossier = makeDossier({ number: 301 });

beforeAll(() => {
  // The reference tables as shipped, and a programme whose first criterion lost its French label.
  symlinkSync(path.join(shipped, 'reference'), path.join(resources, 'reference'));
  const programme = JSON.parse(readFileSync(path.join(shipped, PROGRAMME_FILE), 'utf8'));
  delete programme.criteria[0].label.fr;
  mkdirSync(path.join(resources, 'programmes'));
  writeFileSync(path.join(resources, PROGRAMME_FILE), JSON.stringify(programme));
  vi.stubEnv('RELAIS_RESOURCES_DIR', resources);
  t = createTestContext();
  importDossiers(t.ctx, [dossier]);
});
afterAll(() => {
  t.dispose();
  vi.unstubAllEnvs();
  rmSync(resources, { recursive: true, force: true });
});

describe('a broken programme file', () => {
  it.each([
    ['evaluation.get', { dossierId: dossier.id }],
    ['evaluation.setCriterion', { dossierId: dossier.id, criterionId: 'jobs', expectedVersion: 0, status: 'met' }],
  ])('makes %s fail with programme_invalid naming the field', async (channel, args) => {
    const envelope = await dispatch(t.handlers, channel, args, { validateResults: true });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'programme_invalid', params: { file: path.join(resources, PROGRAMME_FILE), field: 'criteria.0.label.fr' } },
    });
    expect(t.ctx.db.prepare(`SELECT count(*) FROM journal WHERE name LIKE 'evaluation.%'`).pluck().get()).toBe(0);
  });
});
