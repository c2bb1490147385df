/**
 * What must hold once the faults are over and the desks have synced until nothing moves: every
 * queued change settled, each desk holding the hub's version and value of every key it may see,
 * the same domain rows on every desk, one signed verdict per dossier at most, every hub event in
 * each journal exactly once, and every blob matching its hash on the desks and on the hub.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { verifyJournal } from '../../../electron/core/mutations';
import { canonicalJson } from '../../../electron/core/mutations/canonical-json';
import type { TestDesk } from './desk';
import type { World } from './world';

interface FieldRow {
  key: string;
  version: number;
  value: unknown;
}

const fieldMap = (rows: FieldRow[]) => Object.fromEntries(rows.map((row) => [row.key, { version: Number(row.version), value: canonicalJson(row.value ?? null) }]));

async function hubUserId(world: World, desk: TestDesk): Promise<string> {
  const { rows } = await world.hub.db.query<{ id: string }>('SELECT id FROM hub_user WHERE lower(email) = lower($1)', [desk.account.email]);
  return rows[0]!.id;
}

/** Nothing waiting or on its way, no conflict left open. */
export function expectOutboxSettled(desk: TestDesk): void {
  const open = desk.ctx.db.prepare(`SELECT client_seq, name, state FROM outbox WHERE state IN ('waiting', 'sent')`).all();
  expect(open, `${desk.account.email}: changes not settled`).toEqual([]);
  const conflicts = desk.ctx.db.prepare('SELECT key FROM sync_conflict WHERE resolved_at IS NULL').all();
  expect(conflicts, `${desk.account.email}: conflicts left open`).toEqual([]);
}

/** The desk's versions and values are the hub's, key for key, shared keys and the user's own. */
export async function expectFieldsAsOnHub(world: World, desk: TestDesk): Promise<void> {
  const userId = await hubUserId(world, desk);
  const hub = await world.hub.db.query<FieldRow>(`SELECT key, version, value FROM hub_field WHERE scope IN ('', $1) AND version > 0`, [userId]);
  const mine = desk.ctx.db
    .prepare<[], { key: string; version: number; value: string }>('SELECT key, version, value FROM sync_field WHERE version > 0')
    .all()
    .map((row) => ({ ...row, value: JSON.parse(row.value) as unknown }));
  expect(fieldMap(mine), `${desk.account.email}: sync_field differs from the hub`).toEqual(fieldMap(hub.rows));
}

/** What people see of a dossier, without the local bookkeeping (local version counters, row numbers). */
function domainOf(desk: TestDesk, dossierId: string) {
  const db = desk.ctx.db;
  const seq = db.prepare<[string], number>('SELECT seq FROM dossier WHERE id = ?').pluck().get(dossierId)!;
  return {
    dossier: db.prepare('SELECT state, ar_date, assigned_email FROM dossier WHERE seq = ?').get(seq),
    labels: db.prepare('SELECT label FROM dossier_label WHERE dossier_seq = ? ORDER BY label').pluck().all(seq),
    criteria: db.prepare('SELECT criterion_id, status, comment, evidence FROM evaluation_criterion WHERE dossier_seq = ? ORDER BY criterion_id').all(seq),
    facts: db.prepare('SELECT json FROM instruction_facts WHERE dossier_seq = ?').pluck().get(seq) ?? null,
    annotations: db
      .prepare(
        `SELECT a.id, v.version, v.text, v.removed FROM annotation a JOIN annotation_version v ON v.annotation_seq = a.seq
         WHERE a.dossier_seq = ? ORDER BY a.id, v.version`,
      )
      .all(seq),
    decisions: db.prepare('SELECT id, type, state, content, sent_back FROM decision WHERE dossier_seq = ? ORDER BY id').all(seq),
    signatures: db
      .prepare(
        `SELECT s.decision_id, s.position, s.signer_name, s.signed_at, s.pdf_sha256 FROM decision_signature s
         JOIN decision d ON d.id = s.decision_id WHERE d.dossier_seq = ? ORDER BY s.decision_id, s.position`,
      )
      .all(seq),
  };
}

export function expectSameDomain(world: World): void {
  const [first, ...others] = world.desks;
  for (const dossier of world.dossiers) {
    const reference = domainOf(first!, dossier.id);
    for (const desk of others) expect(domainOf(desk, dossier.id), `dossier ${dossier.number} on ${desk.account.email} vs ${first!.account.email}`).toEqual(reference);
  }
}

/** The followed flag each desk shows is the one the hub keeps for its user. */
export async function expectOwnFollowedFlags(world: World, desk: TestDesk): Promise<void> {
  const userId = await hubUserId(world, desk);
  for (const dossier of world.dossiers) {
    const { rows } = await world.hub.db.query<{ value: unknown }>('SELECT value FROM hub_field WHERE scope = $1 AND key = $2', [userId, `dossier:${dossier.id}:followed`]);
    const followed = desk.ctx.db.prepare<[string], number>('SELECT followed FROM dossier WHERE id = ?').pluck().get(dossier.id) === 1;
    expect(followed, `${desk.account.email} follows dossier ${dossier.number}`).toBe(rows[0]?.value === true);
  }
}

const VERDICT_SQL = `type IN ('attribution', 'refus', 'sans-suite') AND state = 'signee'`;

export async function expectOneVerdictPerDossier(world: World): Promise<void> {
  const hub = await world.hub.db.query(`SELECT dossier_id FROM hub_decision WHERE ${VERDICT_SQL} GROUP BY dossier_id HAVING count(*) > 1`);
  expect(hub.rows, 'dossiers with two verdicts on the hub').toEqual([]);
  for (const desk of world.desks) {
    const twice = desk.ctx.db.prepare(`SELECT dossier_seq FROM decision WHERE ${VERDICT_SQL} GROUP BY dossier_seq HAVING count(*) > 1`).all();
    expect(twice, `dossiers with two verdicts on ${desk.account.email}`).toEqual([]);
  }
}

/**
 * Every event the hub recorded that this desk may see has its journal entry there, once; nothing
 * the desk journaled for the hub is missing from it; the chain is intact.
 */
export async function expectJournalComplete(world: World, desk: TestDesk): Promise<void> {
  const userId = await hubUserId(world, desk);
  const events = await world.hub.db.query<{ mutation_id: string; name: string }>(
    'SELECT mutation_id, name FROM hub_event WHERE audience_user IS NULL OR audience_user = $1 ORDER BY seq',
    [userId],
  );
  const journal = desk.ctx.db.prepare<[], string>('SELECT mutation_id FROM journal').pluck().all();
  const counts = new Map<string, number>();
  for (const id of journal) counts.set(id, (counts.get(id) ?? 0) + 1);
  expect([...counts].filter(([, count]) => count > 1), `${desk.account.email}: journal entries applied twice`).toEqual([]);
  const missing = events.rows.filter((row) => !counts.has(row.mutation_id)).map((row) => `${row.name} ${row.mutation_id}`);
  expect(missing, `${desk.account.email}: hub events missing from the journal`).toEqual([]);
  const applied = desk.ctx.db.prepare<[], string>(`SELECT mutation_id FROM outbox WHERE state = 'applied'`).pluck().all();
  const onHub = new Set(events.rows.map((row) => row.mutation_id));
  expect(applied.filter((id) => !onHub.has(id)), `${desk.account.email}: applied changes the hub does not have`).toEqual([]);
  expect(verifyJournal(desk.ctx.db, { fromStart: true }).ok).toBe(true);
}

/** Each change the hub took from a device is one this device queued, taken once. */
export async function expectNothingInvented(world: World, desk: TestDesk): Promise<void> {
  const { rows } = await world.hub.db.query<{ mutation_id: string }>('SELECT mutation_id FROM hub_event WHERE device_id = $1', [desk.account.deviceId]);
  const queued = new Set(desk.ctx.db.prepare<[], string>('SELECT mutation_id FROM outbox').pluck().all());
  expect(rows.filter((row) => !queued.has(row.mutation_id)), `${desk.account.email}: hub events this device never queued`).toEqual([]);
}

export async function expectBlobsIntact(world: World): Promise<void> {
  for (const desk of world.desks) {
    for (const sha256 of desk.ctx.db.prepare<[], string>('SELECT sha256 FROM blob').pluck().all()) {
      // read() checks the bytes against their hash and throws on a damaged or missing file.
      expect(createHash('sha256').update(desk.ctx.blobs.read(sha256)).digest('hex')).toBe(sha256);
    }
  }
  const blobs = await world.hub.db.query<{ sha256: string; size: string }>('SELECT sha256, size FROM hub_blob WHERE complete');
  for (const blob of blobs.rows) {
    const parts = await world.hub.db.query<{ bytes: Uint8Array }>('SELECT bytes FROM hub_blob_part WHERE sha256 = $1 ORDER BY "offset"', [blob.sha256]);
    const hash = createHash('sha256');
    let size = 0;
    for (const part of parts.rows) {
      hash.update(part.bytes);
      size += part.bytes.byteLength;
    }
    expect({ sha256: hash.digest('hex'), size }).toEqual({ sha256: blob.sha256, size: Number(blob.size) });
  }
}

export async function expectAgreement(world: World): Promise<void> {
  for (const desk of world.desks) {
    expectOutboxSettled(desk);
    await expectFieldsAsOnHub(world, desk);
    await expectOwnFollowedFlags(world, desk);
    await expectJournalComplete(world, desk);
    await expectNothingInvented(world, desk);
  }
  expectSameDomain(world);
  await expectOneVerdictPerDossier(world);
  await expectBlobsIntact(world);
}
