/** The legal checks as `dossiers.get` returns them: real case file, contract-validated result, the session's clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';

let t: TestContext;
const received = makeDossier({ number: 201, receivedAt: '2026-01-31T23:30:00Z' });
const overdue = makeDossier({ number: 202, state: 'en_instruction', receivedAt: '2025-07-01T09:00:00Z', arDate: '2025-07-15' });

beforeAll(() => {
  t = createTestContext('2026-03-20T10:00:00.000Z');
  const sha256 = registerTextBlob(t.ctx, ['Devis n° 17']);
  received.pieces = [pieceOf(sha256, 'devis.pdf', 'devis'), pieceOf(sha256, 'kbis.pdf', 'extrait_kbis')];
  importDossiers(t.ctx, [received, overdue]);
});
afterAll(() => t.dispose());

const checksOf = async (id: string) => (await t.call('dossiers.get', { id })).checks;

describe('dossiers.get checks', () => {
  it('counts the admissibility delay from the Paris date of receipt (1 February for 23:30 UTC on 31 January)', async () => {
    const checks = await checksOf(received.id);
    expect(checks.map((check) => [check.id, check.status, check.due])).toEqual([
      ['required_pieces', 'failed', null],
      ['admissibility_deadline', 'warning', '2026-04-01'],
      ['instruction_deadline', 'to_check', null],
      ['public_aid_ceiling', 'ok', null],
      ['aid_intensity', 'to_check', null],
      ['advance_ceiling', 'to_check', null],
    ]);
    expect(checks[0]!.params).toEqual({ reason: 'missing', missing: 'plan_financement', count: 1 });
    expect(checks[1]!.params).toMatchObject({ receivedOn: '2026-02-01', daysLeft: 12, alertDays: 15 });
  });

  it('names the date of implicit rejection once eight months have passed since the AR', async () => {
    const [, admissibility, instruction] = await checksOf(overdue.id);
    expect(admissibility).toMatchObject({ status: 'ok', due: '2025-09-01', params: { reason: 'acknowledged' } });
    expect(instruction).toEqual({
      id: 'instruction_deadline',
      status: 'failed',
      due: '2026-03-15',
      basis: 'décret n° 2018-514, art. 7',
      params: { reason: 'implicit_rejection', arOn: '2025-07-15', months: 8, extensions: 0, dueOn: '2026-03-15', daysLeft: -5, rejectedOn: '2026-03-15' },
    });
  });

  it('follows the clock: the evening in UTC is already the next day in Paris', async () => {
    t.setNow('2026-03-17T23:30:00.000Z');
    try {
      const [, admissibility] = await checksOf(received.id);
      expect(admissibility.params).toMatchObject({ daysLeft: 14 });
    } finally {
      t.setNow('2026-03-20T10:00:00.000Z');
    }
  });
});
