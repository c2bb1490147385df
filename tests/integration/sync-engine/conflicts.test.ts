/**
 * What the hub refuses or finds stale, on a real hub (HTTP on loopback, PGlite): a stale edit is
 * a conflict with both values, the desk keeps its own until a person settles it ('mine' sends it
 * again over the hub's version, 'theirs' takes the hub's change), a newer hub change of the key
 * becomes the hub's side; a refused change keeps its reason and the desk takes back the hub's value.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setRole } from '../../../electron/core/decisions/desk-settings';
import { createDecision } from '../../../electron/core/decisions/mutations';
import { runMutation } from '../../../electron/core/mutations';
import { resolveConflict } from '../../../electron/core/sync/conflicts';
import type { DossierImport } from '../../../shared/domain/dossier';
import { decisionContent } from '../fixtures/decisions';
import { makeDossier } from '../fixtures/core-dossiers';
import { relaisErrorOf } from '../fixtures/relais-error';
import { Desk, importOnHub, startHub, type EngineHub } from './hub-desks';

let hub: EngineHub;
const desks: Desk[] = [];

beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.close());
afterEach(() => {
  for (const desk of desks.splice(0)) desk.dispose();
});

let number = 900;

/** A dossier under instruction on the hub, and two instructeurs' desks that pulled it. */
async function twoDesks(): Promise<{ dossier: DossierImport; a: Desk; b: Desk }> {
  number += 1;
  const dossier = makeDossier({ number, state: 'en_instruction', territory: 'vosges', receivedAt: '2026-01-10T09:00:00Z', arDate: '2026-01-15', title: `Projet ${randomBytes(4).toString('hex')}` });
  await importOnHub(hub, [dossier]);
  const a = await Desk.enrol(hub, 'instructeur');
  const b = await Desk.enrol(hub, 'instructeur');
  desks.push(a, b);
  await a.round();
  await b.round();
  return { dossier, a, b };
}

const CRITERION = 'structuring_investment';

async function criterionOf(desk: Desk, dossierId: string) {
  const view = await desk.call('evaluation.get', { dossierId });
  return view.criteria.find((criterion) => criterion.criterionId === CRITERION)!;
}

/** Sets the criterion from what the desk's screen shows. */
async function assess(desk: Desk, dossierId: string, status: 'met' | 'not_met', comment: string): Promise<void> {
  const shown = await criterionOf(desk, dossierId);
  await desk.call('evaluation.setCriterion', { dossierId, criterionId: CRITERION, expectedVersion: shown.version, status, comment });
}

const key = (dossierId: string) => `evaluation:${dossierId}/${CRITERION}:assessment`;
const outbox = (desk: Desk) =>
  desk.ctx.db.prepare('SELECT name, state, reason, base, settled_at IS NOT NULL AS settled FROM outbox ORDER BY client_seq').all() as {
    name: string;
    state: string;
    reason: string | null;
    base: string;
    settled: number;
  }[];

/** a assesses first and syncs; b, which has not seen it, assesses too: its push meets a conflict. */
async function conflicting() {
  const world = await twoDesks();
  const { dossier, a, b } = world;
  await assess(a, dossier.id, 'met', 'Investissement structurant.');
  await a.round();
  await assess(b, dossier.id, 'not_met', 'Simple remplacement de machine.');
  const summary = await b.round();
  return { ...world, summary };
}

describe('conflicts', () => {
  it('keeps a stale edit as mine beside the hub’s, and the desk’s value stays mine until settled', async () => {
    const { dossier, a, b, summary } = await conflicting();
    expect(summary).toMatchObject({ conflicts: 1, pushed: 0, rejected: 0 });
    expect(outbox(b).map((row) => row.state)).toEqual(['conflict']);

    const [conflict, ...others] = await b.call('sync.conflicts', {});
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({
      key: key(dossier.id),
      dossierId: dossier.id,
      dossierNumber: dossier.number,
      mine: { value: expect.objectContaining({ status: 'not_met', comment: 'Simple remplacement de machine.' }) },
      theirs: { value: expect.objectContaining({ status: 'met', comment: 'Investissement structurant.' }), by: a.account.name },
    });
    // b's pull brought a's change: held, the screen still shows b's.
    expect((await criterionOf(b, dossier.id)).status).toBe('not_met');
    await b.round();
    expect((await criterionOf(b, dossier.id)).status).toBe('not_met');
  });

  it('settled with mine: my change goes again over the hub’s version and reaches the other desk', async () => {
    const { dossier, a, b } = await conflicting();
    const [conflict] = await b.call('sync.conflicts', {});
    runMutation(b.ctx, resolveConflict, { id: conflict!.id, choice: 'mine' });
    expect(await b.call('sync.conflicts', {})).toEqual([]);
    const [first, again] = outbox(b);
    expect(first).toMatchObject({ state: 'conflict', settled: 1 });
    expect(again).toMatchObject({ name: 'evaluation.setCriterion', state: 'waiting' });
    expect(JSON.parse(again!.base)).toEqual({ [key(dossier.id)]: 1 });

    expect(await b.round()).toMatchObject({ pushed: 1, conflicts: 0 });
    await a.round();
    expect(await criterionOf(a, dossier.id)).toMatchObject({ status: 'not_met', comment: 'Simple remplacement de machine.' });
    expect(await criterionOf(b, dossier.id)).toMatchObject({ status: 'not_met', comment: 'Simple remplacement de machine.' });
    // b's change, a's (the hub's side, replayed as on every desk), b's again over it, the settling.
    const journal = b.ctx.db.prepare(`SELECT actor_name, name FROM journal WHERE dossier_id = ? AND name <> 'dossier.import' ORDER BY seq`).raw().all(dossier.id);
    expect(journal).toEqual([
      [b.account.name, 'evaluation.setCriterion'],
      [a.account.name, 'evaluation.setCriterion'],
      [b.account.name, 'evaluation.setCriterion'],
      [b.account.name, 'conflict.resolve'],
    ]);
  });

  it('settled with theirs: the hub’s change is replayed here, nothing more is sent, and settling twice is refused', async () => {
    const { dossier, a, b } = await conflicting();
    const [conflict] = await b.call('sync.conflicts', {});
    runMutation(b.ctx, resolveConflict, { id: conflict!.id, choice: 'theirs' });
    expect(await criterionOf(b, dossier.id)).toMatchObject({ status: 'met', comment: 'Investissement structurant.' });
    expect(outbox(b).map((row) => row.state)).toEqual(['conflict']);
    expect(await b.round()).toMatchObject({ pushed: 0, pending: 0 });
    await a.round();
    // Each desk numbers its own versions (what its screens compare); the values are the hub's.
    const { status, comment } = await criterionOf(a, dossier.id);
    expect(await criterionOf(b, dossier.id)).toMatchObject({ status, comment });
    expect(relaisErrorOf(() => runMutation(b.ctx, resolveConflict, { id: conflict!.id, choice: 'mine' })).code).toBe('sync_conflict_settled');
  });

  it('a newer hub change of a key in conflict becomes the hub’s side of it', async () => {
    const { dossier, a, b } = await conflicting();
    await assess(a, dossier.id, 'met', 'Confirmé après visite.');
    await a.round();
    await b.round();
    const [conflict] = await b.call('sync.conflicts', {});
    expect(conflict!.theirs.value).toMatchObject({ comment: 'Confirmé après visite.' });
    expect((await criterionOf(b, dossier.id)).status).toBe('not_met');
    runMutation(b.ctx, resolveConflict, { id: conflict!.id, choice: 'theirs' });
    expect(await criterionOf(b, dossier.id)).toMatchObject({ status: 'met', comment: 'Confirmé après visite.' });
    // Both of a's changes were held back, and both are in b's journal now, in the hub's order.
    const fromA = a.ctx.db.prepare('SELECT mutation_id FROM outbox ORDER BY client_seq').pluck().all();
    const inB = b.ctx.db.prepare('SELECT mutation_id FROM journal WHERE mutation_id IN (?, ?) ORDER BY seq').pluck().all(...fromA);
    expect(inB).toEqual(fromA);
    expect(b.ctx.db.prepare('SELECT count(*) FROM sync_held').pluck().get()).toBe(0);
  });

  it('edits in a row on one desk build on each other, never on themselves', async () => {
    const { dossier, a, b } = await twoDesks();
    await assess(a, dossier.id, 'met', 'Premier avis.');
    await assess(a, dossier.id, 'not_met', 'Second avis.');
    const [first, second] = a.ctx.db.prepare('SELECT mutation_id, base FROM outbox ORDER BY client_seq').all() as { mutation_id: string; base: string }[];
    expect(JSON.parse(second!.base)).toEqual({ [key(dossier.id)]: first!.mutation_id });
    expect(await a.round()).toMatchObject({ pushed: 2, conflicts: 0 });
    await b.round();
    expect(await criterionOf(b, dossier.id)).toMatchObject({ status: 'not_met', comment: 'Second avis.' });
  });
});

describe('refusals', () => {
  it('keeps the reason and the refused arguments, and takes back the hub’s value', async () => {
    const { dossier, a, b } = await twoDesks();
    await a.call('instruction.setRegime', { dossierId: dossier.id, regime: { kind: 'regional', zone: 'c' } });
    const decisionId = a.ctx.newId();
    runMutation(a.ctx, createDecision, { decisionId, dossierId: dossier.id, content: decisionContent(dossier, 'refus', '2026-03-01'), at: a.ctx.clock().toISOString() });
    const drafted = (await a.call('decisions.list', { dossierId: dossier.id }))[0]!;
    await a.call('decisions.propose', { id: decisionId, expectedVersion: drafted.version });
    expect(await a.round()).toMatchObject({ rejected: 0, conflicts: 0 });

    // b is an instructeur on the hub, its desk set to act as a signataire: it sends the proposal back.
    await b.round();
    runMutation(b.ctx, setRole, { role: 'signataire' });
    const proposed = (await b.call('decisions.list', { dossierId: dossier.id }))[0]!;
    expect(proposed.state).toBe('proposee');
    await b.call('decisions.sendBack', { id: decisionId, expectedVersion: proposed.version, comment: 'À reprendre.' });
    expect((await b.call('decisions.list', { dossierId: dossier.id }))[0]!.state).toBe('brouillon');

    expect(await b.round()).toMatchObject({ rejected: 1, pushed: 0 });
    const page = await b.call('sync.outbox', { states: ['rejected'], limit: 10, offset: 0 });
    expect(page.items.map((item) => [item.name, item.reason])).toEqual([['decision.sendBack', 'forbidden_role']]);
    const args = JSON.parse(b.ctx.db.prepare(`SELECT args FROM outbox WHERE name = 'decision.sendBack'`).pluck().get() as string);
    expect(args).toMatchObject({ id: decisionId, comment: 'À reprendre.' });
    // The hub's value came back: the decision is a proposal again on b, as on a.
    expect((await b.call('decisions.list', { dossierId: dossier.id }))[0]!.state).toBe('proposee');
    expect(await b.round()).toMatchObject({ pending: 0, rejected: 0 });
  });
});
