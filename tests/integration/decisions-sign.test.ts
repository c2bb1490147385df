/**
 * Signing decisions on a real case file with a real PKCS#12 key in the sign worker: the whole
 * life brouillon → proposee → sent back → proposee → signee, the signed PDF stored as a blob whose
 * hash the journal keeps, valid for pdfsig, the dossier's state following the act; a wrong
 * password signs nothing and changes nothing; a signed decision never changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/mutations';
import type { Decision, SignProgress, SigningCredentials } from '../../shared/channels/decisions';
import { decryptedBytes } from '../fixtures/case-file-db';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';
import { pdfsigReport } from '../fixtures/pdfsig';
import { createSoftHsm, TEST_PIN, type SoftHsm } from '../fixtures/softhsm';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { inspectPdf } from './fixtures/pdf-tools';
import { relais } from './relais-process';
import { decisionContent, draft, instructedDossier, journalNames } from './fixtures/decisions';

let t: TestContext;
let pki: TestPki;
let nssDir: string;
let hsm: SoftHsm;
// The test certificates are valid from yesterday: the desk's clock is the real one.
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);

beforeAll(async () => {
  pki = await createTestPki();
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
  // Before any signing: the sign worker reads SOFTHSM2_CONF when it starts.
  hsm = createSoftHsm([{ label: 'carte-sgar', signer: pki.ecdsa, chain: [pki.ca] }]);
  t = createTestContext(NOW.toISOString());
}, 60_000);
afterAll(() => {
  t.dispose();
  hsm.cleanup();
  pki.cleanup();
  rmSync(nssDir, { recursive: true, force: true });
});

const p12 = (password = TEST_P12_PASSWORD) => ({ kind: 'p12' as const, p12Base64: Buffer.from(pki.rsa.p12).toString('base64'), password });
const role = (role: 'instructeur' | 'signataire') => t.call('decisions.setRole', { role });

async function signed(ids: string[], credentials: SigningCredentials = p12()): Promise<SignProgress> {
  await role('signataire');
  const { jobId } = await t.call('decisions.sign', { ids, credentials });
  for (;;) {
    const progress = await t.call('decisions.signProgress', { jobId });
    if (progress.finished) {
      await role('instructeur');
      return progress;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function proposed(dossierNumber: number, type: 'attribution' | 'refus' | 'accuse-reception', spec = {}) {
  const dossier = await instructedDossier(t, { number: dossierNumber, ...spec });
  const decision = await draft(t, dossier, decisionContent(dossier, type, TODAY));
  await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
  return { dossier, decision };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('signing an attribution', () => {
  it('goes brouillon → proposee → sent back → proposee → signee; the dossier is accepted; the PDF is valid and its hash journaled', async () => {
    const { dossier, decision } = await proposed(601, 'attribution');
    await role('signataire');
    await t.call('decisions.sendBack', { id: decision.id, expectedVersion: 2, comment: 'Précisez l’échéancier.' });
    await role('instructeur');
    const edited = await t.call('decisions.save', {
      id: decision.id,
      expectedVersion: 3,
      content: { ...decision.content, remarks: 'Échéancier précisé : avance à la notification.' },
    });
    await t.call('decisions.propose', { id: decision.id, expectedVersion: edited.version });

    const progress = await signed([decision.id]);
    expect(progress).toEqual({ total: 1, done: 1, failed: [], finished: true });

    const [after] = await t.call('decisions.list', { dossierId: dossier.id });
    expect(after).toMatchObject({ state: 'signee', signatures: [{ signerName: 'Claire Martin', signerTitle: 'Secrétaire générale pour les affaires régionales', signedAt: NOW.toISOString() }] });
    expect((await t.call('dossiers.get', { id: dossier.id })).state).toBe('accepte');
    expect(await t.call('decisions.queue', {})).toEqual([]);

    const pdf = Buffer.from((await t.call('decisions.signedPdf', { id: decision.id })).base64, 'base64');
    expect(sha256(pdf)).toBe(after!.signatures[0]!.pdfSha256);
    expect(Buffer.from((await t.call('decisions.preview', { id: decision.id })).base64, 'base64').equals(pdf)).toBe(true);
    // The blob on disk is the same file.
    expect(sha256(t.ctx.blobs.read(after!.signatures[0]!.pdfSha256))).toBe(sha256(pdf));

    const entry = t.ctx.db.prepare(`SELECT args, after FROM journal WHERE name = 'decision.sign'`).get() as { args: string; after: string };
    expect(JSON.parse(entry.args).signature.pdfSha256).toBe(sha256(pdf));
    expect(JSON.parse(entry.after).pdfSha256).toBe(sha256(pdf));
    // In one transaction, the desk's role put back after.
    expect(journalNames(t).slice(-4)).toEqual(['blob.register', 'decision.sign', 'dossier.accept', 'decision.setRole']);
    expect(verifyJournal(t.ctx.db, { fromStart: true })).toMatchObject({ ok: true });

    const { qpdfOk, text } = inspectPdf(pdf);
    expect(qpdfOk).toBe(true);
    // The visible block names the decision's signatory, whoever holds the certificate.
    expect(text).toContain('Claire Martin');
    const report = pdfsigReport(pdf, nssDir);
    expect(report.signatures, report.output).toHaveLength(1);
    expect(report.signatures[0], report.output).toMatchObject({ signerName: 'Camille Martin', valid: true, trusted: true, coversWholeDocument: true, signatureType: 'ETSI.CAdES.detached' });
  }, 60_000);

  it('is frozen once signed: the case file refuses any change, and the channels say why', async () => {
    const { decision } = await proposed(602, 'refus');
    await signed([decision.id]);
    expect(() => t.ctx.db.prepare(`UPDATE decision SET content = json_set(content, '$.reasonsOfFact', 'Autre.') WHERE id = ?`).run(decision.id)).toThrow(/a signed decision never changes/);
    expect(() => t.ctx.db.prepare(`DELETE FROM decision_signature WHERE decision_id = ?`).run(decision.id)).toThrow(/a signature never changes/);
    expect(await t.failure('decisions.save', { id: decision.id, expectedVersion: 3, content: decision.content })).toMatchObject({ code: 'decision_not_editable', params: { state: 'signee' } });
    const again = await signed([decision.id]);
    expect(again.failed).toEqual([{ id: decision.id, code: 'decision_not_proposed', params: { state: 'signee' } }]);
  }, 60_000);
});

describe('what a signed act does to its dossier', () => {
  it('a refusal refuses it; an acknowledgement of receipt dates the AR', async () => {
    const refusal = await proposed(611, 'refus');
    const receipt = await proposed(612, 'accuse-reception', { arDate: null });
    const progress = await signed([refusal.decision.id, receipt.decision.id]);
    expect(progress).toMatchObject({ total: 2, done: 2, failed: [] });
    expect((await t.call('dossiers.get', { id: refusal.dossier.id })).state).toBe('refuse');
    const acknowledged = await t.call('dossiers.get', { id: receipt.dossier.id });
    expect(acknowledged.state).toBe('en_instruction');
    expect(acknowledged.dates.arDate).toBe(TODAY);
  }, 60_000);

  it('a second verdict on a decided dossier is refused before anything is signed', async () => {
    const first = await proposed(613, 'refus');
    const second = await draft(t, first.dossier, decisionContent(first.dossier, 'attribution', TODAY));
    await t.call('decisions.propose', { id: second.id, expectedVersion: 1 });
    const progress = await signed([first.decision.id, second.id]);
    expect(progress.failed).toEqual([{ id: second.id, code: 'decision_dossier_decided', params: { number: 613, type: 'refus' } }]);
    expect((await t.call('decisions.list', { dossierId: first.dossier.id })).map((d) => d.state)).toEqual(['signee', 'proposee']);
  }, 60_000);
});

describe('a batch larger than one group of the worker', () => {
  it('signs them all with the one password, counting each as it is signed', async () => {
    const batch: Awaited<ReturnType<typeof proposed>>[] = [];
    for (let number = 651; number <= 662; number += 1) batch.push(await proposed(number, 'refus'));
    const seen: number[] = [];
    await role('signataire');
    const { jobId } = await t.call('decisions.sign', { ids: batch.map(({ decision }) => decision.id), credentials: p12() });
    for (;;) {
      const progress = await t.call('decisions.signProgress', { jobId });
      seen.push(progress.done);
      if (progress.finished) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await role('instructeur');
    expect(seen.at(-1)).toBe(12);
    // Progress only goes forward.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const states = await Promise.all(batch.map(async ({ dossier }) => (await t.call('dossiers.get', { id: dossier.id })).state));
    expect(new Set(states)).toEqual(new Set(['refuse']));
  }, 120_000);
});

describe('a wrong password', () => {
  it('is reported for each decision of the batch; nothing is signed, journaled or stored, and the password is written nowhere', async () => {
    const { dossier, decision } = await proposed(621, 'refus');
    const journal = journalNames(t).filter((name) => name !== 'decision.setRole').length;
    const blobs = t.ctx.db.prepare('SELECT count(*) FROM blob').pluck().get();
    const password = 'mauvais-mot-de-passe-7f3a';
    const progress = await signed([decision.id], p12(password));
    expect(progress).toEqual({ total: 1, done: 0, failed: [{ id: decision.id, code: 'wrong_password', params: {} }], finished: true });
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toMatchObject({ state: 'proposee', version: 2, signatures: [] });
    expect(journalNames(t).filter((name) => name !== 'decision.setRole')).toHaveLength(journal);
    expect(t.ctx.db.prepare('SELECT count(*) FROM blob').pluck().get()).toBe(blobs);

    // Neither password appears in the case file (journal, outbox, preferences, free pages), even decrypted.
    const caseFile = decryptedBytes(t.ctx.db, t.ctx.caseFileKey);
    expect(caseFile.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    for (const secret of [password, TEST_P12_PASSWORD]) expect(caseFile.includes(Buffer.from(secret))).toBe(false);
  }, 60_000);
});

describe('a PKCS#11 token', () => {
  it('lists its slot from the chosen module, and signs a batch with one PIN entry', async () => {
    await t.call('decisions.setPkcs11Module', { path: hsm.modulePath });
    const { modulePath, slots } = await t.call('decisions.pkcs11Slots', {});
    expect(modulePath).toBe(hsm.modulePath);
    const token = hsm.tokens['carte-sgar']!;
    expect(slots).toEqual([expect.objectContaining({ slot: token.slot, tokenLabel: 'carte-sgar' })]);

    const batch = await Promise.all([631, 632, 633].map((number) => proposed(number, 'refus')));
    const wrongPin = await signed(batch.map(({ decision }) => decision.id), { kind: 'pkcs11', slot: token.slot, pin: '0000' });
    expect(wrongPin).toMatchObject({ done: 0, finished: true });
    expect(wrongPin.failed.map((failure) => failure.code)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin']);
    expect((await t.call('decisions.queue', {})).map((queued) => queued.dossierNumber)).toEqual(expect.arrayContaining([631, 632, 633]));

    const progress = await signed(batch.map(({ decision }) => decision.id), { kind: 'pkcs11', slot: token.slot, pin: TEST_PIN });
    expect(progress).toEqual({ total: 3, done: 3, failed: [], finished: true });
    for (const { dossier, decision } of batch) {
      expect((await t.call('dossiers.get', { id: dossier.id })).state).toBe('refuse');
      const pdf = Buffer.from((await t.call('decisions.signedPdf', { id: decision.id, signature: 0 })).base64, 'base64');
      const report = pdfsigReport(pdf, nssDir);
      expect(report.signatures[0], report.output).toMatchObject({ signerName: 'Dominique Bernard', valid: true, trusted: true });
    }
  }, 120_000);
});

describe('the dossier’s export', () => {
  it('holds each signed act as signed, its hash in the manifest', async () => {
    const { dossier, decision } = await proposed(641, 'refus');
    await signed([decision.id]);
    const [{ signatures }] = (await t.call('decisions.list', { dossierId: dossier.id })) as [Decision];
    const zip = await t.call('exports.dossierZip', { id: dossier.id });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-decision-zip-'));
    try {
      writeFileSync(path.join(dir, 'dossier.zip'), Buffer.from(zip.base64, 'base64'));
      execFileSync('python3', ['-m', 'zipfile', '-e', path.join(dir, 'dossier.zip'), path.join(dir, 'out')]);
      const [name] = readdirSync(path.join(dir, 'out', 'decisions'));
      expect(name).toBe(`refus-TI-641-refus.pdf`);
      expect(sha256(readFileSync(path.join(dir, 'out', 'decisions', name!)))).toBe(signatures[0]!.pdfSha256);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
      expect(manifest.files).toContainEqual(expect.objectContaining({ path: `decisions/${name}`, sha256: signatures[0]!.pdfSha256 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the journal after all of it', () => {
  it('passes `relais journal verify`, signatures and sent-back proposals included', () => {
    const { status, stdout } = relais(['journal', 'verify', '--data', t.ctx.dataDir], 'en');
    expect(stdout).toMatch(/^Journal intact: \d+ entries checked\.$/m);
    expect(status).toBe(0);
  }, 120_000);
});
