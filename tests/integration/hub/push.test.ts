/**
 * The hub's push rules, on PostgreSQL and PGlite: once per mutation whatever the retries,
 * conflicts with both values, a base that is the device's own earlier change, insert-only
 * entities, scope, roles, bad arguments; each result stored and answered again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { putBlobChunk } from '../../../server/blobs/store';
import type { HubDatabase } from '../../../server/db/database';
import { applyPush } from '../../../server/sync/push';
import { HUB_DATABASE_KINDS, openTestHubDatabase } from '../../fixtures/postgres';
import { expectStatus, importDossier, NOW, TestDevice } from './hub-fixture';

const labelKey = (dossierId: string, label: string) => `dossier:${dossierId}:label/${label}`;

describe.each(HUB_DATABASE_KINDS)('push on %s', (kind) => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await openTestHubDatabase(kind);
  });
  afterAll(() => db.close());

  it('applies a mutation once: a retry gets the stored result and makes no second event', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const item = anne.item('dossier.addLabel', { id: dossier.id, label: 'Prioritaire' }, dossier.id);
    const [first] = await anne.push(item);
    const applied = expectStatus(first!, 'applied');
    expect(applied.versions).toEqual({ [labelKey(dossier.id, 'Prioritaire')]: 1 });
    const [again] = await applyPush(db, anne.principal, anne.request([item]), NOW).then((r) => r.results);
    expect(again).toEqual(first);
    const events = await db.query('SELECT seq FROM hub_event WHERE mutation_id = $1', [item.mutationId]);
    expect(events.rows).toEqual([{ seq: applied.seq }]);
    // Another mutation under a sequence number already used: refused, the first one stands.
    const reused = { ...anne.item('dossier.addLabel', { id: dossier.id, label: 'Autre' }, dossier.id), clientSeq: item.clientSeq };
    const [refused] = await anne.push(reused);
    expect(expectStatus(refused!, 'rejected').reason).toBe('sequence_reused');
    // A desk that has made billions of changes still counts on.
    const far = { ...anne.item('dossier.addLabel', { id: dossier.id, label: 'Loin' }, dossier.id), clientSeq: 2 ** 40 };
    expectStatus((await anne.push(far))[0]!, 'applied');
  });

  it('answers an item sent twice in one push twice alike, and stores it once', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const item = anne.item('dossier.addLabel', { id: dossier.id, label: 'Deux fois' }, dossier.id);
    const [first, second] = await anne.push(item, item);
    expect(second).toEqual(expectStatus(first!, 'applied'));
    const { rows } = await db.query('SELECT count(*)::int AS n FROM hub_event WHERE mutation_id = $1', [item.mutationId]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('settles two devices racing on the same new key or entity: one applied, the other told', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const bruno = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const key = labelKey(dossier.id, 'Course');
    const labels = await Promise.all([anne, bruno].map((device, i) => device.one(i === 0 ? 'dossier.addLabel' : 'dossier.removeLabel', { id: dossier.id, label: 'Course' }, dossier.id, { [key]: 0 })));
    expect(labels.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
    const annotationId = uuidv7();
    const note = { dossierId: dossier.id, target: { kind: 'note' }, text: 'Même id', annotationId, at: NOW.toISOString() };
    const notes = await Promise.all([anne, bruno].map((device) => device.one('annotation.add', note, dossier.id)));
    expect(notes.map((r) => (r.status === 'rejected' ? r.reason : r.status)).sort()).toEqual(['applied', 'entity_exists']);
  });

  it('answers a stale change with a conflict holding both values and the change that won', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const bruno = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const key = labelKey(dossier.id, 'Visite');
    const won = expectStatus(await anne.one('dossier.addLabel', { id: dossier.id, label: 'Visite' }, dossier.id, { [key]: 0 }), 'applied');
    const lost = expectStatus(await bruno.one('dossier.removeLabel', { id: dossier.id, label: 'Visite' }, dossier.id, { [key]: 0 }), 'conflict');
    expect(lost.conflicts).toHaveLength(1);
    const [conflict] = lost.conflicts;
    expect(conflict!.key).toBe(key);
    expect(conflict!.mine).toBe(false);
    expect(conflict!.theirs).toMatchObject({ key, value: true, version: 1, event: { seq: won.seq, name: 'dossier.addLabel', deviceId: anne.principal.deviceId, actor: { name: 'Agent instructeur' } } });
    // Settled by a person: sent again from the version seen, it applies.
    expectStatus(await bruno.one('dossier.removeLabel', { id: dossier.id, label: 'Visite' }, dossier.id, { [key]: 1 }), 'applied');
  });

  it('takes a base that is the device\'s own earlier change, in the same push or a later one', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const key = `dossier:${dossier.id}:assigned`;
    const first = anne.item('dossier.assign', { id: dossier.id, instructor: { email: 'a@example.fr', name: 'A' } }, dossier.id, { [key]: 1 });
    const second = anne.item('dossier.assign', { id: dossier.id, instructor: { email: 'b@example.fr', name: 'B' } }, dossier.id, { [key]: first.mutationId });
    const results = await anne.push(first, second);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const third = anne.item('dossier.assign', { id: dossier.id, instructor: null }, dossier.id, { [key]: second.mutationId });
    expect((await anne.push(third))[0]!.status).toBe('applied');
    // Naming a change that is no longer the last one on the key is stale.
    const bruno = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const stale = expectStatus(await bruno.one('dossier.assign', { id: dossier.id, instructor: null }, dossier.id, { [key]: first.mutationId }), 'conflict');
    expect(stale.conflicts[0]!.theirs.version).toBe(4);
  });

  it('keeps annotations insert-only: never a conflict, and an id used twice is refused', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const bruno = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const note = (annotationId: string) => ({ dossierId: dossier.id, target: { kind: 'note' }, text: 'Vu le devis', annotationId, at: NOW.toISOString() });
    const id = uuidv7();
    expectStatus(await anne.one('annotation.add', note(id), dossier.id), 'applied');
    expectStatus(await bruno.one('annotation.add', note(uuidv7()), dossier.id), 'applied');
    expect(expectStatus(await bruno.one('annotation.add', note(id), dossier.id), 'rejected').reason).toBe('entity_exists');
  });

  it('refuses changes out of the user\'s scope, of a role not allowed, on unknown or foreign entities', async () => {
    const vosges = await importDossier(db);
    const lyon = await importDossier(db, { territory: 'lyon' });
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const admin = TestDevice.forRole(db, 'administrateur', []);
    const signataire = TestDevice.forRole(db, 'signataire', ['vosges']);
    const label = (dossierId: string) => ({ id: dossierId, label: 'X' });
    const reasonOf = async (device: TestDevice, name: string, args: unknown, dossierId: string | null) =>
      expectStatus(await device.one(name, args, dossierId), 'rejected').reason;
    expect(await reasonOf(anne, 'dossier.addLabel', label(lyon.id), lyon.id)).toBe('out_of_scope');
    expect(await reasonOf(admin, 'dossier.addLabel', label(lyon.id), lyon.id)).toBe('forbidden_role');
    expect(await reasonOf(anne, 'dossier.import', vosges, vosges.id)).toBe('forbidden_role');
    expect(await reasonOf(admin, 'dossier.import', vosges, vosges.id)).toBe('forbidden_role');
    expect(await reasonOf(signataire, 'decision.propose', { id: uuidv7(), expectedVersion: 1, at: NOW.toISOString() }, vosges.id)).toBe('forbidden_role');
    // The arguments name one dossier, the push another.
    expect(await reasonOf(anne, 'dossier.addLabel', label(lyon.id), vosges.id)).toBe('entity_other_dossier');
    const unknown = uuidv7();
    expect(await reasonOf(anne, 'dossier.addLabel', label(unknown), unknown)).toBe('entity_missing');
    // Shared data always belongs to a dossier, whose scope is checked.
    expect(await reasonOf(anne, 'dossier.addLabel', label(lyon.id), null)).toBe('invalid_args');
    // Assigned to her by email, a dossier of another territory is hers to work on.
    expectStatus(await admin.one('dossier.assign', { id: lyon.id, instructor: null }, lyon.id), 'rejected');
    await db.query('UPDATE hub_dossier SET assigned_email = $2 WHERE id = $1', [lyon.id, anne.principal.user.email.toUpperCase()]);
    expectStatus(await anne.one('dossier.addLabel', label(lyon.id), lyon.id), 'applied');
  });

  it('refuses unknown mutations and bad arguments with the reason, and goes on with the next items', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const results = await anne.push(
      anne.item('dossier.paint', { id: dossier.id }, dossier.id),
      anne.item('dossier.addLabel', { id: dossier.id, label: '' }, dossier.id),
      anne.item('dossier.addLabel', { id: dossier.id, label: 'Bon' }, dossier.id),
    );
    expect(expectStatus(results[0]!, 'rejected').reason).toBe('unknown_mutation');
    const invalid = expectStatus(results[1]!, 'rejected');
    expect(invalid.reason).toBe('invalid_args');
    expect(invalid.detail).toMatch(/^label: /);
    expectStatus(results[2]!, 'applied');
  });

  it('keeps personal keys per user: no conflict between two people, seen by their author only', async () => {
    const dossier = await importDossier(db);
    const anne = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const bruno = TestDevice.forRole(db, 'instructeur', ['vosges']);
    const key = `dossier:${dossier.id}:followed`;
    const mine = expectStatus(await anne.one('dossier.setFollowed', { id: dossier.id, followed: true }, dossier.id, { [key]: 0 }), 'applied');
    expectStatus(await bruno.one('dossier.setFollowed', { id: dossier.id, followed: true }, dossier.id, { [key]: 0 }), 'applied');
    expect(mine.versions).toEqual({ [key]: 1 });
    // Her second desk, not knowing of the first change, meets it as a conflict.
    const laptop = anne.secondDevice();
    expect((await laptop.one('dossier.setFollowed', { id: dossier.id, followed: false }, dossier.id, { [key]: 0 })).status).toBe('conflict');
    expectStatus(await laptop.one('preferences.setLanguage', { language: 'en' }, null), 'applied');
    const { rows } = await db.query<{ audience_user: string }>('SELECT audience_user FROM hub_event WHERE name = $1', ['preferences.setLanguage']);
    expect(rows).toEqual([{ audience_user: anne.principal.user.id }]);
  });

  it('refuses a change whose blob the hub does not hold complete', async () => {
    const dossier = await importDossier(db);
    const signataire = TestDevice.forRole(db, 'signataire', ['vosges']);
    // Half sent: the hub holds some of its bytes, not yet verified.
    const pdf = randomBytes(1_000);
    const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
    await putBlobChunk(db, pdfSha256, 0, pdf.length, pdf.subarray(0, 500));
    const signature = { signerName: 'Claire Martin', signerTitle: 'SGAR', signedAt: NOW.toISOString(), pdfSha256 };
    const decisionId = uuidv7();
    await db.query(`INSERT INTO hub_decision (id, dossier_id, type, state, version) VALUES ($1, $2, 'attribution', 'signee', 1)`, [decisionId, dossier.id]);
    await db.query('INSERT INTO hub_entity (key, dossier_id, mutation_id) VALUES ($1, $2, $3)', [`decision:${decisionId}`, dossier.id, uuidv7()]);
    const result = expectStatus(await signataire.one('decision.countersign', { id: decisionId, signature }, dossier.id), 'rejected');
    expect(result.reason).toBe('blob_missing');
    await putBlobChunk(db, pdfSha256, 500, pdf.length, pdf.subarray(500));
    expectStatus(await signataire.one('decision.countersign', { id: decisionId, signature }, dossier.id), 'applied');
  });
});
