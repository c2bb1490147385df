/**
 * Batch signing in the sign worker: one opening of the signer (one PIN, one password) for many
 * PDFs, progress after each, a PDF that cannot be signed failing alone, a wrong secret failing
 * the whole batch before any PDF is signed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentWriter } from '../../electron/core/documents';
import { listTokenSlots, signBatch, type SignJob, type SignProgress } from '../../electron/core/signing/sign-batch-client';
import type { SigningCredentials } from '../../electron/core/signing/open-signer';
import { RelaisError } from '../../shared/errors';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';
import { createSoftHsm, type SoftHsm } from '../fixtures/softhsm';
import { pdfsigReport } from '../fixtures/pdfsig';
import { inspectPdf } from './fixtures/pdf-tools';

let pki: TestPki;
let hsm: SoftHsm;
let nssDir: string;

beforeAll(async () => {
  pki = await createTestPki();
  hsm = createSoftHsm([{ label: 'agent', signer: pki.ecdsa, chain: [pki.ca] }]);
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
});

afterAll(() => {
  hsm?.cleanup();
  pki?.cleanup();
});

/** A decision-like PDF/A with its empty signature field, where the visible block goes. */
async function letter(index: number): Promise<Uint8Array> {
  const writer = await DocumentWriter.create({ title: `Décision n° ${index}`, language: 'fr', createdAt: new Date('2026-11-26T09:00:00Z') });
  return writer.title(`Décision n° ${index}`).paragraph('Article 1 : la demande est accueillie.').signatureField('Signature', 80).save();
}

async function jobs(count: number): Promise<SignJob[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => ({
      id: `decision-${index + 1}`,
      pdf: await letter(index + 1),
      visible: { signerName: 'Dominique Bernard', signerTitle: 'Préfète de région', delegation: 'Par délégation', signedAt: new Date('2026-11-26T10:00:00Z') },
    })),
  );
}

const SIGNED_AND_TRUSTED = { valid: true, trusted: true, signatureType: 'ETSI.CAdES.detached', coversWholeDocument: true };

const token = (): SigningCredentials => ({ kind: 'pkcs11', modulePath: hsm.modulePath, slot: hsm.tokens.agent!.slot, pin: hsm.tokens.agent!.pin });

async function refusal(promise: Promise<unknown>): Promise<RelaisError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RelaisError);
  return error as RelaisError;
}

describe('signing a batch in the worker', () => {
  it('signs 20 PDFs with one PIN, reporting each in order', async () => {
    const batch = await jobs(20);
    const progress: SignProgress[] = [];
    const outcomes = await signBatch(batch, token(), (step) => progress.push(step));
    expect(progress).toEqual(batch.map((job, index) => ({ done: index + 1, total: 20, id: job.id, ok: true })));
    expect(outcomes.map((outcome) => outcome.id)).toEqual(batch.map((job) => job.id));
    for (const [index, outcome] of outcomes.entries()) {
      if (!outcome.ok) throw new Error(`${outcome.id}: ${outcome.error.code}`);
      // An incremental update: the unsigned PDF is the signed one's first bytes.
      expect(Buffer.from(outcome.pdf.subarray(0, batch[index]!.pdf.length))).toEqual(Buffer.from(batch[index]!.pdf));
    }
    for (const outcome of [outcomes[0]!, outcomes[19]!]) {
      const report = pdfsigReport(outcome.ok ? outcome.pdf : new Uint8Array(), nssDir);
      expect(report.signatures).toEqual([expect.objectContaining({ signerName: 'Dominique Bernard', ...SIGNED_AND_TRUSTED })]);
      expect(inspectPdf(outcome.ok ? outcome.pdf : new Uint8Array()).qpdfOk).toBe(true);
    }
  });

  it('lists the token slots while a batch of 20 signs on the token, and the batch still signs them all', async () => {
    const batch = await jobs(20);
    let done = 0;
    const listings: Promise<{ labels: string[]; doneWhenListed: number }>[] = [];
    const outcomes = await signBatch(batch, token(), (step) => {
      done = step.done;
      // The desk's signing dialog may list the slots at any moment: here once after each signature.
      if (step.done < batch.length) {
        listings.push(listTokenSlots(hsm.modulePath).then((slots) => ({ labels: slots.map((slot) => slot.tokenLabel), doneWhenListed: done })));
      }
    });
    const listed = await Promise.all(listings);
    expect(listed).toHaveLength(19);
    expect(listed.every((listing) => listing.labels.join() === 'agent')).toBe(true);
    // Some listings came back while signatures were still being made on the token.
    expect(listed.filter((listing) => listing.doneWhenListed < batch.length).length).toBeGreaterThan(0);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual(batch.map(() => true));
    const last = outcomes[19]!;
    const report = pdfsigReport(last.ok ? last.pdf : new Uint8Array(), nssDir);
    expect(report.signatures).toEqual([expect.objectContaining({ signerName: 'Dominique Bernard', ...SIGNED_AND_TRUSTED })]);
    // Listed again once the batch is done: the library was finalised and loads afresh.
    expect((await listTokenSlots(hsm.modulePath)).map((slot) => slot.slot)).toEqual([hsm.tokens.agent!.slot]);
  });

  it('reports a job that is not a PDF as failed and signs the others', async () => {
    const batch = await jobs(3);
    batch[1] = { ...batch[1]!, pdf: new TextEncoder().encode('not a PDF at all') };
    const progress: SignProgress[] = [];
    const outcomes = await signBatch(batch, token(), (step) => progress.push(step));
    expect(progress.map((step) => [step.done, step.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(progress[1]!.code).toBe('pdf_not_signable');
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ id: 'decision-2', ok: false, error: { code: 'pdf_not_signable' } });
  });

  it('fails the whole batch with a wrong PIN before signing anything', async () => {
    const progress: SignProgress[] = [];
    const error = await refusal(signBatch(await jobs(3), { ...token(), pin: '0000' } as SigningCredentials, (step) => progress.push(step)));
    expect(error.code).toBe('wrong_pin');
    expect(error.params).toEqual({ token: 'agent' });
    expect(progress).toEqual([]);
  });

  it('signs with a PKCS#12 file, and refuses the batch with a wrong password', async () => {
    const outcomes = await signBatch(await jobs(2), { kind: 'p12', p12: pki.rsa.p12, password: TEST_P12_PASSWORD });
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const report = pdfsigReport(outcomes[0]!.ok ? outcomes[0]!.pdf : new Uint8Array(), nssDir);
    expect(report.signatures).toEqual([expect.objectContaining({ signerName: 'Camille Martin', ...SIGNED_AND_TRUSTED })]);
    const error = await refusal(signBatch(await jobs(2), { kind: 'p12', p12: pki.rsa.p12, password: 'wrong' }));
    expect(error.code).toBe('wrong_password');
  });

  it('refuses the batch when the certificate may not sign, saying why', async () => {
    const error = await refusal(signBatch(await jobs(1), { kind: 'p12', p12: pki.expired.p12, password: TEST_P12_PASSWORD }));
    expect(error.code).toBe('certificate_expired');
    expect(error.params).toMatchObject({ subject: 'Certificat Expiré' });
  });
});
