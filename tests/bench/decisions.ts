/**
 * decision_render_sign_ms_median: 100 decisions of the bench's dossiers (the five types in turn)
 * prefilled, rendered as PDF/A and signed in the sign worker as the signataire signs them, in one
 * batch with one opening of a PKCS#12 signer. A decision's time is its render plus its share of
 * the batch (from the previous PDF's progress to its own; the first one carries the opening of
 * the signer). decision_pdf_kb: the median size of the signed PDFs.
 */
import type { Session } from '../../electron/core/session';
import { prefillDecision } from '../../electron/core/decisions/prefill';
import { renderDecisionPdf } from '../../electron/core/decisions/render';
import { signBatch, type SignJob } from '../../electron/core/signing/sign-batch-client';
import { DECISION_TYPES, type DecisionContent } from '../../shared/domain/decision';
import { createTestPki, TEST_P12_PASSWORD } from '../fixtures/pki';
import { median, round } from './stats';

const DECISIONS = 100;

function visibleSignature(content: DecisionContent, signedAt: Date): SignJob['visible'] {
  const { firstName, lastName, title, delegation } = content.signatory;
  return { signerName: `${firstName} ${lastName}`, signerTitle: title, delegation, signedAt };
}

export async function benchDecisions(session: Session): Promise<{ decision_render_sign_ms_median: number; decision_pdf_kb: number }> {
  const { ctx } = session;
  const dossierIds = ctx.db.prepare<[number], string>('SELECT id FROM dossier ORDER BY seq LIMIT ?').pluck().all(DECISIONS);
  const pki = await createTestPki();
  try {
    const now = ctx.clock();
    const renderMs: number[] = [];
    const jobs: SignJob[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const dossierId = dossierIds[i % dossierIds.length]!;
      const start = performance.now();
      const content = prefillDecision(ctx, dossierId, DECISION_TYPES[i % DECISION_TYPES.length]!);
      // The act carries its data as JSON, as a signed decision does.
      const pdf = await renderDecisionPdf(content, { now, data: content });
      renderMs.push(performance.now() - start);
      jobs.push({ id: `${dossierId}-${i}`, pdf, visible: visibleSignature(content, now) });
    }

    const signMs: number[] = [];
    let last = performance.now();
    const outcomes = await signBatch(jobs, { kind: 'p12', p12: pki.rsa.p12, password: TEST_P12_PASSWORD }, () => {
      const at = performance.now();
      signMs.push(at - last);
      last = at;
    });
    const sizes = outcomes.map((outcome) => {
      if (!outcome.ok) throw new Error(`decision ${outcome.id} was not signed: ${outcome.error.code}`);
      return outcome.pdf.length;
    });
    return {
      decision_render_sign_ms_median: round(median(renderMs.map((ms, i) => ms + signMs[i]!)), 1),
      decision_pdf_kb: round(median(sizes) / 1024, 1),
    };
  } finally {
    pki.cleanup();
  }
}
