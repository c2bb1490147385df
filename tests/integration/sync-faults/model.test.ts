/**
 * Model-based test of sync under faults: four desks (two instructeurs, two signataires) on real
 * case files and one real hub over HTTP, random changes of every kind people make, sync rounds
 * through a transport that drops, duplicates, holds back and delays calls, answers 401 and 5xx,
 * and crashes the desk before or after a call (the case file closed mid-round and reopened). Then
 * the faults stop, conflicts are settled at random, and rounds run until nothing moves: desks and
 * hub must agree (see agreement.ts). Seeded: a failure prints the seed and path that replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULTS, faultScheduleArbitrary } from '../../fixtures/faulty-transport';
import type { HubRole } from '../../../shared/sync/protocol';
import { HUB_DATABASE_KINDS } from '../../fixtures/postgres';
import { expectAgreement } from './agreement';
import type { TestDesk } from './desk';
import { CRITERIA, DESK_ROLES, DOSSIER_COUNT, LABELS, VERDICTS, World } from './world';

/** Replay a failure with RELAIS_FAULT_SEED (and RELAIS_FAULT_PATH) from its report. */
const SEED = Number(process.env.RELAIS_FAULT_SEED ?? 20_261_126);
const PATH = process.env.RELAIS_FAULT_PATH;
/** Bounded so that each database kind takes about a minute. */
const RUNS = { postgresql: Number(process.env.RELAIS_FAULT_RUNS ?? 8), pglite: Number(process.env.RELAIS_FAULT_RUNS ?? 8) } as const;
const MAX_COMMANDS = 60;
const MAX_FAULTS_PER_DESK = 40;
/** Rounds beyond which a calm world that still moves is a bug (a change bouncing forever). */
const MAX_CALM_PASSES = 8;

type Model = object;
type Act = fc.AsyncCommand<Model, World>;

/** A command that always applies: what it does depends on what the desk shows when it runs. */
function act(label: string, run: (world: World) => Promise<void> | void): Act {
  return { check: () => true, run: async (_model, world) => run(world), toString: () => label };
}

const deskIndex = fc.nat(DESK_ROLES.length - 1);
/** A desk of that role: drafting and proposing is the instructeurs' work, sending back and signing the signataires'. */
const deskOf = (role: HubRole) => fc.constantFrom(...DESK_ROLES.flatMap((candidate, index) => (candidate === role ? [index] : [])));
const dossierIndex = fc.nat(DOSSIER_COUNT - 1);
const text = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => value.trim().length > 0);

const commands: fc.Arbitrary<Act>[] = [
  fc
    .record({ desk: deskIndex, dossier: dossierIndex, criterion: fc.constantFrom(...CRITERIA), status: fc.constantFrom('met', 'not_met', 'to_check' as const), comment: text })
    .map(({ desk, dossier, criterion, status, comment }) =>
      act(`desk ${desk} sets ${criterion} of dossier ${dossier} to ${status}`, (w) => w.setCriterion(w.desk(desk), w.dossier(dossier), criterion, status, comment)),
    ),
  fc.record({ desk: deskIndex, dossier: dossierIndex, note: text }).map(({ desk, dossier, note }) => act(`desk ${desk} annotates dossier ${dossier}`, (w) => w.annotate(w.desk(desk), w.dossier(dossier), note))),
  fc
    .record({ desk: deskIndex, dossier: dossierIndex, percent: fc.nat(30) })
    .map(({ desk, dossier, percent }) => act(`desk ${desk} sets the advance of dossier ${dossier} to ${percent} %`, (w) => w.setAdvance(w.desk(desk), w.dossier(dossier), percent))),
  fc
    .record({ desk: deskIndex, dossier: dossierIndex, label: fc.constantFrom(...LABELS), present: fc.boolean() })
    .map(({ desk, dossier, label, present }) =>
      act(`desk ${desk} ${present ? 'adds' : 'removes'} label ${label} on dossier ${dossier}`, (w) => w.label(w.desk(desk), w.dossier(dossier), label, present)),
    ),
  fc
    .record({ desk: deskIndex, dossier: dossierIndex, followed: fc.boolean() })
    .map(({ desk, dossier, followed }) => act(`desk ${desk} ${followed ? 'follows' : 'unfollows'} dossier ${dossier}`, (w) => w.follow(w.desk(desk), w.dossier(dossier), followed))),
  ...Array.from({ length: 2 }, () =>
    fc
      .record({ desk: deskOf('instructeur'), dossier: dossierIndex, type: fc.constantFrom(...VERDICTS) })
      .map(({ desk, dossier, type }) => act(`desk ${desk} drafts a ${type} for dossier ${dossier}`, (w) => w.createDecision(w.desk(desk), w.dossier(dossier), type))),
  ),
  fc
    .record({ desk: deskOf('instructeur'), pick: fc.nat(), remarks: text })
    .map(({ desk, pick, remarks }) => act(`desk ${desk} saves draft #${pick}`, (w) => w.saveDecision(w.desk(desk), pick, remarks))),
  // The steps of a decision's life weigh more: a signature needs a draft, a proposal and a sync between.
  ...Array.from({ length: 3 }, () =>
    fc.record({ desk: deskOf('instructeur'), pick: fc.nat() }).map(({ desk, pick }) => act(`desk ${desk} proposes draft #${pick}`, (w) => w.propose(w.desk(desk), pick))),
  ),
  fc.record({ desk: deskOf('signataire'), pick: fc.nat() }).map(({ desk, pick }) => act(`desk ${desk} sends back proposal #${pick}`, (w) => w.sendBack(w.desk(desk), pick))),
  ...Array.from({ length: 3 }, () =>
    fc.record({ desk: deskOf('signataire'), pick: fc.nat() }).map(({ desk, pick }) => act(`desk ${desk} signs proposal #${pick}`, (w) => w.sign(w.desk(desk), pick))),
  ),
  // Rounds weigh more: changes must travel while others are being made.
  ...Array.from({ length: 6 }, () => deskIndex.map((desk) => act(`desk ${desk} syncs`, async (w) => void (await w.desk(desk).round())))),
  fc
    .uniqueArray(deskIndex, { minLength: 2, maxLength: DESK_ROLES.length })
    .map((desks) => act(`desks ${desks.join(', ')} sync at once`, async (w) => void (await Promise.all(desks.map((desk) => w.desk(desk).round()))))),
  fc
    .record({ desk: deskIndex, mine: fc.boolean() })
    .map(({ desk, mine }) => act(`desk ${desk} settles a conflict (${mine ? 'mine' : 'theirs'})`, async (w) => void (await settleOne(w.desk(desk), () => mine)))),
  deskIndex.map((desk) => act(`desk ${desk} restarts`, (w) => w.desk(desk).restart())),
];

/** Settles the oldest open conflict of the desk, if any; true when there was one. */
async function settleOne(desk: TestDesk, keepMine: () => boolean): Promise<boolean> {
  const conflicts = await desk.call('sync.conflicts', {});
  if (!conflicts.ok) throw new Error(`sync.conflicts refused: ${conflicts.error.code}`);
  const [conflict] = conflicts.result;
  if (!conflict) return false;
  const settled = await desk.call('sync.resolveConflict', { id: conflict.id, choice: keepMine() ? 'mine' : 'theirs' });
  if (!settled.ok) throw new Error(`sync.resolveConflict refused: ${settled.error.code}`);
  return true;
}

/** Faults off; rounds on every desk, conflicts settled as `choices` say, until a whole pass moves nothing. */
async function quiesce(world: World, choices: readonly boolean[]): Promise<void> {
  let choice = 0;
  const keepMine = () => choices[choice++ % choices.length] ?? false;
  for (const desk of world.desks) {
    desk.transport.calm();
    await desk.transport.settle();
  }
  for (let pass = 0; pass < MAX_CALM_PASSES; pass += 1) {
    let moved = false;
    for (const desk of world.desks) {
      const summary = await world.syncCalmly(desk);
      moved ||= summary.pushed + summary.pulled + summary.conflicts > 0;
      while (await settleOne(desk, keepMine)) moved = true;
    }
    if (!moved) return;
  }
  throw new Error(`the desks still exchange changes after ${MAX_CALM_PASSES} calm passes`);
}

/** What the runs went through, added up: a property that holds only because nothing happened proves nothing. */
class Coverage {
  readonly counts = new Map<string, number>();

  add(what: string, count = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + count);
  }

  async record(world: World): Promise<void> {
    for (const desk of world.desks) {
      for (const { fault } of desk.transport.log) this.add(`fault ${fault}`);
      const fates = desk.ctx.db.prepare<[], { state: string; count: number }>('SELECT state, count(*) AS count FROM outbox GROUP BY state').all();
      for (const { state, count } of fates) this.add(`outbox ${state}`, count);
    }
    const verdicts = await world.hub.db.query<{ count: string }>(`SELECT count(*) FROM hub_decision WHERE state = 'signee'`);
    this.add('signed decisions', Number(verdicts.rows[0]!.count));
  }
}

describe.each(HUB_DATABASE_KINDS)('sync under faults, hub on %s', (kind) => {
  it(
    'every change settles once and every desk agrees with the hub',
    async () => {
      const scenario = fc.record({
        schedules: fc.array(faultScheduleArbitrary(MAX_FAULTS_PER_DESK), { minLength: DESK_ROLES.length, maxLength: DESK_ROLES.length }),
        commands: fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }),
        choices: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      });
      const coverage = new Coverage();
      await fc.assert(
        fc.asyncProperty(scenario, async ({ schedules, commands: acts, choices }) => {
          const world = await World.start({ kind, schedules });
          try {
            for (const desk of world.desks) desk.transport.storm();
            await fc.asyncModelRun(() => ({ model: {}, real: world }), acts);
            await quiesce(world, choices);
            await expectAgreement(world);
            await coverage.record(world);
          } finally {
            await world.close();
          }
        }),
        { seed: SEED, path: PATH, numRuns: RUNS[kind], endOnFailure: process.env.RELAIS_FAULT_SHRINK === undefined },
      );
      if (PATH === undefined) {
        const expected = [...FAULTS.map((fault) => `fault ${fault}`), 'outbox applied', 'outbox conflict', 'outbox rejected', 'signed decisions'];
        const unmet = expected.filter((what) => !coverage.counts.get(what));
        expect(unmet, `never met in ${RUNS[kind]} runs: ${JSON.stringify(Object.fromEntries(coverage.counts))}`).toEqual([]);
      }
    },
    10 * 60_000,
  );
});
