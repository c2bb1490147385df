/**
 * 'signatures.verify' on a real case file: a decision signed through the decision channels (its
 * PDF read back from the blob store), a signed PDF piece of a dossier, the case file's own trust
 * anchors (<dataDir>/trust), and the refusals: an unsigned decision, a piece that is not a PDF,
 * an unknown piece, arguments naming both or neither.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { registerBlob } from '../../electron/core/blobs/register';
import { runMutation } from '../../electron/core/mutations';
import { openP12Signer } from '../../electron/core/signing/p12';
import { signPdf } from '../../electron/core/signing/pades';
import { createTestPki, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf } from './fixtures/core-dossiers';
import { decisionContent, draft, instructedDossier } from './fixtures/decisions';
import { unsignedPdf } from './verify-fixtures';

let t: TestContext;
let pki: TestPki;
// The test certificates are valid from yesterday: the desk's clock is the real one.
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);

beforeAll(async () => {
  pki = await createTestPki();
  t = createTestContext(NOW.toISOString());
}, 60_000);
afterAll(() => {
  t.dispose();
  pki.cleanup();
});

/** Stores `bytes` as a PDF piece of a new dossier, the way an import does. */
function pieceHolding(bytes: Uint8Array, name: string, number: number): string {
  const { sha256, sizeBytes } = t.ctx.blobs.put(Buffer.from(bytes));
  runMutation(t.ctx, registerBlob, { sha256, sizeBytes, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: 1, pages: [''] });
  const piece = pieceOf(sha256, name);
  importDossiers(t.ctx, [makeDossier({ number, pieces: [piece] })]);
  return piece.id;
}

async function signDecision(id: string): Promise<void> {
  await t.call('decisions.setRole', { role: 'signataire' });
  const credentials = { kind: 'p12' as const, p12Base64: Buffer.from(pki.rsa.p12).toString('base64'), password: TEST_P12_PASSWORD };
  const { jobId } = await t.call('decisions.sign', { ids: [id], credentials });
  for (;;) {
    const progress = await t.call('decisions.signProgress', { jobId });
    if (progress.finished) {
      expect(progress).toMatchObject({ done: 1, failed: [] });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('signatures.verify', () => {
  it('verifies a signed decision: one intact signature covering its whole PDF; trusted once the case file trusts the test root', async () => {
    const dossier = await instructedDossier(t, { number: 701 });
    const decision = await draft(t, dossier, decisionContent(dossier, 'attribution', TODAY));
    expect(await t.failure('signatures.verify', { decisionId: decision.id })).toMatchObject({
      code: 'verification_decision_unsigned',
      params: { reference: decision.content.reference },
    });
    await t.call('decisions.propose', { id: decision.id, expectedVersion: 1 });
    await signDecision(decision.id);

    const report = await t.call('signatures.verify', { decisionId: decision.id });
    expect(report).toMatchObject({ allIntact: true, changedAfterLastSignature: false });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      signerCommonName: 'Camille Martin',
      subFilter: 'ETSI.CAdES.detached',
      integrity: 'intact',
      coversWholeDocument: true,
      certificate: { validAtSigningTime: true, validNow: true },
      // The signature carries the test root, which neither Relais nor this case file trusts yet.
      chain: 'untrusted',
    });

    mkdirSync(path.join(t.ctx.dataDir, 'trust'), { recursive: true });
    writeFileSync(path.join(t.ctx.dataDir, 'trust', 'relais-test-root.pem'), pki.ca.certPem);
    expect((await t.call('signatures.verify', { decisionId: decision.id })).signatures[0]!.chain).toBe('trusted');
  });

  it('verifies a PDF piece: a signed one, an unsigned one', async () => {
    const signer = await openP12Signer(pki.ecdsa.p12, TEST_P12_PASSWORD, NOW);
    const signed = await signPdf(await unsignedPdf(), signer, { signerName: 'Dominique Bernard', signerTitle: 'Gérant', signedAt: NOW });
    await signer.close();
    const report = await t.call('signatures.verify', { pieceId: pieceHolding(signed, 'devis-signe.pdf', 702) });
    // Trusted: the test above put the test root in the case file's trust folder.
    expect(report.signatures.map((s) => [s.signerCommonName, s.integrity, s.chain])).toEqual([['Dominique Bernard', 'intact', 'trusted']]);

    const unsigned = await t.call('signatures.verify', { pieceId: pieceHolding(await unsignedPdf('Devis'), 'devis.pdf', 703) });
    expect(unsigned.signatures).toEqual([]);
  });

  it('refuses a piece that is not a PDF, an unknown piece, and arguments naming both targets or none', async () => {
    const notPdf = pieceHolding(Buffer.from('\xff\xd8\xff\xe0 a JPEG', 'latin1'), 'photo-chantier.pdf', 704);
    expect(await t.failure('signatures.verify', { pieceId: notPdf })).toMatchObject({ code: 'verification_not_pdf', params: { name: 'photo-chantier.pdf' } });
    expect(await t.failure('signatures.verify', { pieceId: '01890a5d-ac96-774b-bcce-b302099a8057' })).toMatchObject({ code: 'not_found' });
    const decisionId = '01890a5d-ac96-774b-bcce-b302099a8058';
    expect(await t.failure('signatures.verify', { pieceId: notPdf, decisionId })).toMatchObject({ code: 'invalid_arguments' });
    expect(await t.failure('signatures.verify', {})).toMatchObject({ code: 'invalid_arguments' });
  });
});
