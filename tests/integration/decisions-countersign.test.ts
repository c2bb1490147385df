/**
 * Countersigning a signed decision on a real case file: a second authority (ECDSA) signs the act
 * the first one (RSA) signed, through the same sign worker. The new PDF is the earlier one with a
 * signature appended as an incremental update; both verify (pdfsig, verifyPdf), the earlier PDF
 * stays in the blob store and the journal, the dossier does not move again. The same certificate
 * twice, or an unsigned act, is refused.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signatory, SignProgress, SigningCredentials } from '../../shared/channels/decisions';
import { verifyJournal } from '../../electron/core/mutations';
import { verifyPdf } from '../../electron/core/signing/verify';
import { pdfsigReport } from '../fixtures/pdfsig';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestIdentity, type TestPki } from '../fixtures/pki';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { decisionContent, draft, instructedDossier, journalNames } from './fixtures/decisions';
import { inspectPdf } from './fixtures/pdf-tools';

let t: TestContext;
let pki: TestPki;
let nssDir: string;
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);

beforeAll(async () => {
  pki = await createTestPki();
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
  t = createTestContext(NOW.toISOString());
}, 60_000);
afterAll(() => {
  t.dispose();
  pki.cleanup();
  rmSync(nssDir, { recursive: true, force: true });
});

const PREFECT: Signatory = { firstName: 'Dominique', lastName: 'Bernard', title: 'Préfet de la région Grand Est', delegation: null };
const p12 = (identity: TestIdentity): SigningCredentials => ({ kind: 'p12', p12Base64: Buffer.from(identity.p12).toString('base64'), password: TEST_P12_PASSWORD });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** The countersigned act's pages, to look at. */
const SHOTS = '/tmp/relais/shots';

async function finished(start: Promise<{ jobId: string }>): Promise<SignProgress> {
  const { jobId } = await start;
  for (;;) {
    const progress = await t.call('decisions.signProgress', { jobId });
    if (progress.finished) return progress;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function signedAttribution(number: number) {
  const dossier = await instructedDossier(t, { number });
  const decision = await draft(t, dossier, decisionContent(dossier, 'attribution', TODAY));
  await t.call('decisions.setRole', { role: 'instructeur' });
  await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
  await t.call('decisions.setRole', { role: 'signataire' });
  expect(await finished(t.call('decisions.sign', { ids: [decision.id], credentials: p12(pki.rsa) }))).toMatchObject({ done: 1, failed: [] });
  return { dossier, decision: (await t.call('decisions.list', { dossierId: dossier.id }))[0]! };
}

describe('countersigning a signed attribution', () => {
  it('appends an ECDSA signature to the RSA-signed PDF as an incremental update; both verify, the first PDF stays', async () => {
    const { dossier, decision } = await signedAttribution(701);
    const first = decision.signatures[0]!;
    const firstPdf = t.ctx.blobs.read(first.pdfSha256);

    const progress = await finished(t.call('decisions.countersign', { id: decision.id, countersigner: PREFECT, credentials: p12(pki.ecdsa) }));
    expect(progress).toEqual({ total: 1, done: 1, failed: [], finished: true });

    const [after] = await t.call('decisions.list', { dossierId: dossier.id });
    expect(after).toMatchObject({ state: 'signee', version: decision.version + 1 });
    expect(after!.signatures).toEqual([first, { signerName: 'Dominique Bernard', signerTitle: PREFECT.title, signedAt: NOW.toISOString(), pdfSha256: expect.any(String) }]);
    const second = after!.signatures[1]!;
    const pdf = Buffer.from((await t.call('decisions.signedPdf', { id: decision.id })).base64, 'base64');
    expect(sha256(pdf)).toBe(second.pdfSha256);
    expect(second.pdfSha256).not.toBe(first.pdfSha256);
    // An incremental update: the earlier signed PDF, byte for byte, then what the countersignature adds.
    expect(pdf.length).toBeGreaterThan(firstPdf.length);
    expect(pdf.subarray(0, firstPdf.length).equals(firstPdf)).toBe(true);
    // The earlier PDF is still there, unchanged, and still served as the first signature's.
    expect(sha256(t.ctx.blobs.read(first.pdfSha256))).toBe(first.pdfSha256);
    expect(Buffer.from((await t.call('decisions.signedPdf', { id: decision.id, signature: 0 })).base64, 'base64').equals(firstPdf)).toBe(true);

    const report = pdfsigReport(pdf, nssDir);
    expect(report.signatures, report.output).toHaveLength(2);
    expect(report.signatures[0], report.output).toMatchObject({ signerName: 'Camille Martin', valid: true, trusted: true, coversWholeDocument: false });
    expect(report.signatures[1], report.output).toMatchObject({ signerName: 'Dominique Bernard', valid: true, trusted: true, coversWholeDocument: true });
    mkdirSync(SHOTS, { recursive: true });
    const { qpdfOk, text } = inspectPdf(pdf, `${SHOTS}/decision-countersigned`);
    expect(qpdfOk).toBe(true);
    expect(text).toContain('Dominique Bernard');

    const verification = await verifyPdf(pdf, { trustAnchors: [pki.ca.certDer], now: NOW });
    expect(verification).toMatchObject({ allIntact: true, changedAfterLastSignature: false });
    expect(verification.signatures.map((s) => [s.signerCommonName, s.integrity, s.coversWholeDocument, s.chain])).toEqual([
      ['Camille Martin', 'intact', false, 'trusted'],
      ['Dominique Bernard', 'intact', true, 'trusted'],
    ]);

    // Both hashes in the journal; the dossier, accepted by the first signature, does not move again.
    const journaled = (name: string) => (t.ctx.db.prepare('SELECT after FROM journal WHERE name = ?').pluck().all(name) as string[]).map((json) => JSON.parse(json).pdfSha256);
    expect(journaled('decision.sign')).toContain(first.pdfSha256);
    expect(journaled('decision.countersign')).toEqual([second.pdfSha256]);
    expect(journalNames(t).slice(-2)).toEqual(['blob.register', 'decision.countersign']);
    expect((await t.call('dossiers.get', { id: dossier.id })).state).toBe('accepte');
    expect(verifyJournal(t.ctx.db, { fromStart: true })).toMatchObject({ ok: true });
    // The case file still refuses any change to the act or its signatures.
    expect(() => t.ctx.db.prepare(`UPDATE decision SET content = json_set(content, '$.amountCents', 1) WHERE id = ?`).run(decision.id)).toThrow(/never changes/);
    expect(() => t.ctx.db.prepare(`UPDATE decision_signature SET pdf_sha256 = ? WHERE decision_id = ?`).run(first.pdfSha256, decision.id)).toThrow(/a signature never changes/);
  }, 90_000);

  it('refuses a certificate that already signed the act, recording nothing', async () => {
    const { dossier, decision } = await signedAttribution(702);
    const journal = journalNames(t).length;
    const blobs = t.ctx.db.prepare('SELECT count(*) FROM blob').pluck().get();
    const progress = await finished(t.call('decisions.countersign', { id: decision.id, countersigner: PREFECT, credentials: p12(pki.rsa) }));
    expect(progress).toEqual({ total: 1, done: 0, failed: [{ id: decision.id, code: 'decision_same_certificate', params: { signer: 'Camille Martin' } }], finished: true });
    expect((await t.call('decisions.list', { dossierId: dossier.id }))[0]).toEqual(decision);
    expect(journalNames(t)).toHaveLength(journal);
    expect(t.ctx.db.prepare('SELECT count(*) FROM blob').pluck().get()).toBe(blobs);
  }, 90_000);

  it.each([
    ['a draft', 'brouillon'],
    ['a proposal', 'proposee'],
  ] as const)('refuses %s: only a signed act is countersigned', async (_what, state) => {
    const dossier = await instructedDossier(t, { number: state === 'brouillon' ? 703 : 704 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'refus', TODAY));
    if (state === 'proposee') {
      await t.call('decisions.setRole', { role: 'instructeur' });
      await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    }
    await t.call('decisions.setRole', { role: 'signataire' });
    const progress = await finished(t.call('decisions.countersign', { id: decision.id, countersigner: PREFECT, credentials: p12(pki.ecdsa) }));
    expect(progress.failed).toEqual([{ id: decision.id, code: 'decision_not_signed', params: { state } }]);
  }, 60_000);

  it('is for the signataire only', async () => {
    const { decision } = await signedAttribution(705);
    await t.call('decisions.setRole', { role: 'instructeur' });
    expect(await t.failure('decisions.countersign', { id: decision.id, countersigner: PREFECT, credentials: p12(pki.ecdsa) })).toMatchObject({ code: 'role_forbidden' });
  }, 60_000);
});
