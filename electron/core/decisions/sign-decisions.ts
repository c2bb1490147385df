/**
 * 'decisions.sign': a batch of proposed decisions signed with one key, in the sign worker, while
 * the desk follows its progress. Each act is rendered as it stands, signed, its signed PDF stored
 * as a blob and recorded with the dossier's outcome in one transaction. A proposal whose dossier
 * changed since goes back to draft instead, and is never signed. A countersignature goes the same
 * way: the stored signed PDF, one more signature appended by the worker as an incremental update.
 * The PIN or password lives only in this batch's memory and in the worker's: it is never stored,
 * journaled or logged.
 */
import type { SignProgress, SigningCredentials } from '../../../shared/channels/decisions';
import type { Signatory } from '../../../shared/domain/decision';
import { RelaisError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { registerBlob } from '../blobs/register';
import type { CoreContext } from '../context';
import { storedDossier } from '../instruction/facts';
import { mutationCall, runMutations, type MutationCall } from '../mutations';
import type { SigningCredentials as SignerCredentials } from '../signing/open-signer';
import { signBatch, type SignJob, type SignOutcome } from '../signing/sign-batch-client';
import { verifyPdfInWorker } from '../signing/verification/verify-client';
import { storeOrDiskFull } from '../visits/disk';
import { pkcs11ModulePath, requireRole } from './desk-settings';
import { dossierOutcome } from './dossier-outcome';
import { countersignDecision, signDecision } from './mutations';
import { renderDecisionPdf } from './render';
import { reviewIfDossierChanged } from './review';
import { decisionOf, decisionRow, isVerdict, signaturesOf, signedVerdictOf, type DecisionRow } from './store';

/** A decision to sign: a proposal, signed by its own signatory; or a signed act, countersigned by another authority. */
export interface SignRequest {
  id: string;
  countersigner?: Signatory;
}

/** Progress of every batch started in this process, by job id. */
const batches = new Map<string, SignProgress>();

export function signProgress(jobId: string): SignProgress {
  const progress = batches.get(jobId);
  if (!progress) throw new RelaisError('not_found', { what: `signing job ${jobId}` });
  return progress;
}

function signerCredentials(ctx: CoreContext, credentials: SigningCredentials): SignerCredentials {
  if (credentials.kind === 'p12') return { kind: 'p12', p12: Buffer.from(credentials.p12Base64, 'base64'), password: credentials.password };
  return { kind: 'pkcs11', modulePath: pkcs11ModulePath(ctx), slot: credentials.slot, pin: credentials.pin };
}

/** Starts the batch and answers at once with its id; decisions.signProgress follows it. */
export function startSigning(ctx: CoreContext, requests: readonly SignRequest[], credentials: SigningCredentials): { jobId: string } {
  requireRole(ctx, 'signataire');
  const unique = [...new Map(requests.map((request) => [request.id, request])).values()];
  const jobId = ctx.newId();
  const progress: SignProgress = { total: unique.length, done: 0, failed: [], finished: false };
  batches.set(jobId, progress);
  void signDecisions(ctx, unique, signerCredentials(ctx, credentials), progress)
    // Each decision's failure is caught where it happens; anything else must still end the batch, said.
    .catch((error: unknown) => {
      const { code, params = {} } = toErrorInfo(error);
      const reported = new Set(progress.failed.map((failure) => failure.id));
      for (const { id } of unique) if (!reported.has(id)) progress.failed.push({ id, code, params });
    })
    .finally(() => {
      progress.finished = true;
    });
  return { jobId };
}

/** The name under the act and in the signature's record (CRPA L212-1: first name and name). */
const signerName = (signatory: Signatory) => `${signatory.firstName} ${signatory.lastName}`;

const VERDICT_STATE_FROM = 'en_instruction';

/** Why a decision cannot be signed now, before any PDF is made: anything else than a proposal on an unchanged dossier. */
function checkSignable(ctx: CoreContext, row: DecisionRow): void {
  if (row.state !== 'proposee') throw new RelaisError('decision_not_proposed', { state: row.state });
  if (reviewIfDossierChanged(ctx, row)) throw new RelaisError('decision_dossier_changed', { number: storedDossier(ctx.db, row.dossier_id).dossier.number });
  if (isVerdict(row.type)) {
    const { dossier } = storedDossier(ctx.db, row.dossier_id);
    const verdict = signedVerdictOf(ctx.db, row.dossier_seq);
    if (verdict) throw new RelaisError('decision_dossier_decided', { number: dossier.number, type: verdict });
    if (dossier.state !== VERDICT_STATE_FROM) throw new RelaisError('dossier_wrong_state', { number: dossier.number, state: dossier.state });
  }
}

/**
 * Decisions are rendered and signed a few at a time, each group recorded as it comes back: the
 * desk sees progress early, a crash loses at most one group's work, and memory stays bounded.
 * The key is opened once per group with the one secret the signataire typed; if it cannot be
 * opened (wrong PIN or password, certificate refused), the batch stops there: a card counts
 * each wrong PIN, so it is never tried twice.
 */
const GROUP_SIZE = 10;

/** What the worker is given for one request: the act rendered as it stands, or its last signed PDF to countersign. */
async function signJob(ctx: CoreContext, row: DecisionRow, signer: Signatory | undefined, now: Date): Promise<SignJob> {
  const visible = (who: Signatory) => ({ signerName: signerName(who), signerTitle: who.title, delegation: who.delegation, signedAt: now });
  const decision = decisionOf(ctx.db, row);
  if (signer) {
    if (row.state !== 'signee') throw new RelaisError('decision_not_signed', { state: row.state });
    const last = decision.signatures.at(-1)!;
    return { id: row.id, pdf: new Uint8Array(ctx.blobs.read(last.pdfSha256)), visible: visible(signer) };
  }
  checkSignable(ctx, row);
  return { id: row.id, pdf: await renderDecisionPdf(decision.content, { now, data: decision }), visible: visible(decision.content.signatory) };
}

async function signDecisions(ctx: CoreContext, requests: SignRequest[], credentials: SignerCredentials, progress: SignProgress): Promise<void> {
  // A failure is a thrown error here, or the error info the worker sent back for one PDF.
  const fail = (id: string, error: unknown) => {
    const { code, params = {} }: ErrorInfo = error instanceof Error ? toErrorInfo(error) : (error as ErrorInfo);
    progress.failed.push({ id, code, params });
  };
  const now = ctx.clock();
  for (let start = 0; start < requests.length; start += GROUP_SIZE) {
    const rows = new Map<string, DecisionRow>();
    const jobs: SignJob[] = [];
    const group = requests.slice(start, start + GROUP_SIZE);
    for (const { id, countersigner } of group) {
      try {
        const row = decisionRow(ctx.db, id);
        jobs.push(await signJob(ctx, row, countersigner, now));
        rows.set(id, row);
      } catch (error) {
        fail(id, error);
      }
    }
    if (jobs.length === 0) continue;

    let outcomes: SignOutcome[];
    try {
      // `done` counts each PDF as the worker signs it, and gives it back if it cannot be recorded.
      outcomes = await signBatch(jobs, credentials, (step) => {
        if (step.ok) progress.done += 1;
      }, now);
    } catch (error) {
      for (const id of [...jobs.map((job) => job.id), ...requests.slice(start + GROUP_SIZE).map((request) => request.id)]) fail(id, error);
      return;
    }
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        fail(outcome.id, outcome.error);
        continue;
      }
      try {
        const countersigner = group.find((request) => request.id === outcome.id)?.countersigner;
        if (countersigner) await recordCountersignature(ctx, rows.get(outcome.id)!, countersigner, outcome.pdf, now);
        else record(ctx, rows.get(outcome.id)!, outcome.pdf, now);
      } catch (error) {
        progress.done -= 1;
        fail(outcome.id, error);
      }
    }
  }
}

/** The signed PDF stored as a blob, and the mutation that registers it: what every signature records first. */
function storedPdf(ctx: CoreContext, pdf: Uint8Array): { call: MutationCall; sha256: string } {
  const stored = storeOrDiskFull(() => ctx.blobs.put(pdf));
  return { call: mutationCall(registerBlob, { ...stored, mimeType: 'application/pdf', textStatus: 'indexed', pageCount: null, pages: [] }), sha256: stored.sha256 };
}

const signatureOf = (signer: Signatory, signedAt: Date, pdfSha256: string) => ({
  signerName: signerName(signer),
  signerTitle: signer.title,
  signedAt: signedAt.toISOString(),
  pdfSha256,
});

/** The signed PDF as a blob, the signature, and the dossier's outcome: all of it, or none. */
function record(ctx: CoreContext, row: DecisionRow, pdf: Uint8Array, signedAt: Date): void {
  const { content } = decisionOf(ctx.db, row);
  const blob = storedPdf(ctx, pdf);
  const calls = [blob.call, mutationCall(signDecision, { id: row.id, type: row.type, signature: signatureOf(content.signatory, signedAt, blob.sha256) })];
  const outcome = dossierOutcome(row.dossier_id, content);
  if (outcome) calls.push(outcome);
  runMutations(ctx, calls);
}

/**
 * A countersignature by a certificate that already signed the act adds nothing: it is refused
 * before anything is stored. The certificate is known only once the worker has opened the key
 * (a token's, behind its PIN), so the countersigned PDF itself says who signed it.
 */
async function recordCountersignature(ctx: CoreContext, row: DecisionRow, countersigner: Signatory, pdf: Uint8Array, signedAt: Date): Promise<void> {
  const report = await verifyPdfInWorker(pdf.slice(), { trustAnchors: [], now: signedAt });
  const certificates = report.signatures.map(({ certificate }) => certificate && `${certificate.issuer}#${certificate.serialNumber}`);
  const latest = certificates.at(-1);
  if (latest && certificates.slice(0, -1).includes(latest)) {
    throw new RelaisError('decision_same_certificate', { signer: report.signatures.at(-1)!.signerCommonName ?? latest });
  }
  // The row may have moved while the worker signed: only the act as it stands now is countersigned.
  if (signaturesOf(ctx.db, row.id).length !== report.signatures.length - 1) throw new RelaisError('decision_stale', { version: decisionRow(ctx.db, row.id).version, expected: row.version });
  const blob = storedPdf(ctx, pdf);
  runMutations(ctx, [blob.call, mutationCall(countersignDecision, { id: row.id, signature: signatureOf(countersigner, signedAt, blob.sha256) })]);
}
