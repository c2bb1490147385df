/**
 * A desk whose clock is a day off changes nothing of what the hub does: the same script of
 * changes and rounds, played once with every clock right and once with one desk a day ahead and
 * another a day behind, gives the same events in the same order, the same fates and the same
 * values. The desks' times are recorded (in the arguments, shown in the history), never used to
 * order anything.
 */
import { describe, expect, it } from 'vitest';
import { HUB_DATABASE_KINDS } from '../../fixtures/postgres';
import { expectAgreement } from './agreement';
import { CRITERIA, DESK_ROLES, World } from './world';

const DAY_MS = 24 * 3600 * 1000;

/** Rounds and changes in a fixed order: a conflict (settled), a change on top of a pulled one, notes from both. */
async function playScript(world: World): Promise<void> {
  const [ahead, behind] = world.desks;
  const [first, second] = world.dossiers;
  const [criterion] = CRITERIA;
  await world.setCriterion(ahead!, first!, criterion, 'met', 'Projet structurant.');
  await world.syncCalmly(ahead!);
  // Made from a screen that had not seen the change above: a conflict, whichever clock says later.
  await world.setCriterion(behind!, first!, criterion, 'not_met', 'Pas structurant.');
  await world.syncCalmly(behind!);
  const conflicts = await behind!.call('sync.conflicts', {});
  if (!conflicts.ok) throw new Error(conflicts.error.code);
  for (const conflict of conflicts.result) await behind!.call('sync.resolveConflict', { id: conflict.id, choice: 'mine' });
  await world.syncCalmly(behind!);
  await world.syncCalmly(ahead!);
  // On top of what it pulled: applied, though its clock says it came two days before.
  await world.setCriterion(ahead!, first!, criterion, 'to_check', 'À revoir avec la DREAL.');
  await world.annotate(behind!, second!, 'Note du bureau en retard.');
  await world.annotate(ahead!, second!, 'Note du bureau en avance.');
  await world.label(behind!, second!, 'Prioritaire', true);
  for (const desk of world.desks) await world.syncCalmly(desk);
  for (const desk of world.desks) await world.syncCalmly(desk);
}

/** What the hub did, without the ids and times that differ between two plays. */
async function outcomeOf(world: World) {
  const deskOf = new Map(world.desks.map((desk, index) => [desk.account.deviceId, index]));
  const dossierOf = new Map(world.dossiers.map((dossier, index) => [dossier.id, index]));
  const events = await world.hub.db.query<{ name: string; device_id: string | null; dossier_id: string | null }>('SELECT name, device_id, dossier_id FROM hub_event ORDER BY seq');
  const criteria = await world.hub.db.query<{ key: string; value: unknown; version: number }>(`SELECT key, value, version FROM hub_field WHERE key LIKE 'evaluation:%' ORDER BY key`);
  return {
    events: events.rows.map((event) => [event.name, event.device_id && deskOf.get(event.device_id), event.dossier_id && dossierOf.get(event.dossier_id)]),
    fates: world.desks.map((desk) => desk.ctx.db.prepare('SELECT name, state, reason FROM outbox ORDER BY client_seq').all()),
    criteria: criteria.rows.map((row) => ({ key: row.key.replace(/^evaluation:[^/]+/, 'evaluation:*'), value: row.value, version: row.version })),
  };
}

async function play(kind: (typeof HUB_DATABASE_KINDS)[number], clockOffsetsMs: number[]) {
  const world = await World.start({ kind, schedules: [], clockOffsetsMs });
  try {
    await playScript(world);
    await expectAgreement(world);
    return await outcomeOf(world);
  } finally {
    await world.close();
  }
}

describe.each(HUB_DATABASE_KINDS)('desk clocks a day off, hub on %s', (kind) => {
  it('the same events in the same order, the same fates and values as with every clock right', async () => {
    const right = await play(kind, DESK_ROLES.map(() => 0));
    const skewed = await play(kind, [DAY_MS, -DAY_MS, 0, 0]);
    expect(skewed).toEqual(right);
    // The script met what it is about: one conflict kept as mine, then applied.
    expect(right.fates[1]).toContainEqual({ name: 'evaluation.setCriterion', state: 'conflict', reason: null });
  }, 120_000);
});
