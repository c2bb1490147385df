/**
 * The channels of decisions: the instructor drafts and proposes an act, the signataire reviews
 * the « à signer » queue and signs a batch (in a worker, with one PIN or password entry) or sends
 * a proposal back. A signed act never changes; its PDF's hash is in the journal.
 */
import { z } from 'zod';
import { defineChannels, DossierArguments, ExpectedVersion, NoArguments } from './channel';
import { Id } from '../domain/dossier';
import { Decision, DecisionContent, DecisionType, MAX_DECISION_TEXT, Signatory } from '../domain/decision';
import { DecisionProblem } from '../rules/decisions/problem';

export * from '../domain/decision';
export * from '../rules/decisions/problem';

/** Who this desk acts as until the hub knows its users: proposing and signing are separate roles. */
export const DESK_ROLES = ['instructeur', 'signataire'] as const;
export const DeskRole = z.enum(DESK_ROLES);
export type DeskRole = z.infer<typeof DeskRole>;

/** A PKCS#12 file is a few kilobytes; a chain of certificates keeps it well under this. */
export const MAX_P12_BYTES = 64 * 1024;
const MAX_P12_BASE64_CHARS = Math.ceil(MAX_P12_BYTES / 3) * 4;

/** The secret that opens the signing key; used for one batch, never stored nor journaled. */
export const SigningCredentials = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('p12'), p12Base64: z.string().min(1).max(MAX_P12_BASE64_CHARS), password: z.string().max(1_000) }),
  /** The module is the desk's preference (`decisions.setPkcs11Module`). */
  z.strictObject({ kind: z.literal('pkcs11'), slot: z.number().int().min(0), pin: z.string().min(1).max(256) }),
]);
export type SigningCredentials = z.infer<typeof SigningCredentials>;

/** At most this many decisions in one signing batch. */
export const MAX_SIGN_BATCH = 500;

export const DecisionPdf = z.object({
  fileName: z.string(),
  mimeType: z.literal('application/pdf'),
  sizeBytes: z.number().int().min(1),
  base64: z.string(),
});
export type DecisionPdf = z.infer<typeof DecisionPdf>;

/** A proposed decision in the signataire's queue, with what identifies its dossier at a glance. */
export const QueuedDecision = z.object({
  decision: Decision,
  dossierNumber: z.number().int().positive(),
  company: z.string(),
  project: z.string(),
});
export type QueuedDecision = z.infer<typeof QueuedDecision>;

export const SignProgress = z.object({
  total: z.number().int().min(0),
  /** Decisions signed so far. */
  done: z.number().int().min(0),
  /** Decisions left unsigned, with the error code that says why (`errors.<code>`) and its values. */
  failed: z.array(z.object({ id: Id, code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  finished: z.boolean(),
});
export type SignProgress = z.infer<typeof SignProgress>;

export const Pkcs11Slot = z.object({
  slot: z.number().int().min(0),
  tokenLabel: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
});
export type Pkcs11Slot = z.infer<typeof Pkcs11Slot>;

const DecisionArguments = z.strictObject({ id: Id });
const RoleResult = z.object({ role: DeskRole });
const ModulePath = z.string().trim().min(1).max(1_000);

export const decisionChannels = defineChannels({
  'decisions.list': {
    kind: 'query',
    args: DossierArguments,
    result: z.array(Decision),
    description: "A dossier's decisions, oldest first, with their state and signatures.",
  },
  'decisions.create': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, type: DecisionType }),
    result: Decision,
    description: 'Starts a draft of the given type, prefilled from the dossier, its evaluation and its instruction facts.',
  },
  'decisions.save': {
    kind: 'mutation',
    args: z.strictObject({ id: Id, expectedVersion: ExpectedVersion, content: DecisionContent }),
    result: Decision,
    description: "Saves a draft's content (autosave); refused once proposed, or when another window saved a newer version.",
  },
  'decisions.problems': {
    kind: 'query',
    args: DecisionArguments,
    result: z.array(DecisionProblem),
    description: 'What keeps the decision from being proposed as it stands (empty: it can be).',
  },
  'decisions.preview': {
    kind: 'query',
    args: DecisionArguments,
    result: DecisionPdf,
    description: 'The PDF of the act: rendered from the current content while unsigned, the stored signed PDF once signed.',
  },
  'decisions.propose': {
    kind: 'mutation',
    args: z.strictObject({ id: Id, expectedVersion: ExpectedVersion }),
    result: Decision,
    description: "Proposes a draft for signature (instructeur only); refused with the problems when it is not complete or lawful.",
  },
  'decisions.queue': {
    kind: 'query',
    args: NoArguments,
    result: z.array(QueuedDecision),
    description: 'The proposed decisions « à signer », oldest proposal first.',
  },
  'decisions.sendBack': {
    kind: 'mutation',
    args: z.strictObject({ id: Id, expectedVersion: ExpectedVersion, comment: z.string().trim().min(1).max(MAX_DECISION_TEXT) }),
    result: Decision,
    description: 'Sends a proposal back to its instructor as a draft, with the signataire’s comment (signataire only).',
  },
  'decisions.sign': {
    kind: 'mutation',
    args: z.strictObject({ ids: z.array(Id).min(1).max(MAX_SIGN_BATCH), credentials: SigningCredentials }),
    result: z.object({ jobId: Id }),
    description: 'Starts signing proposed decisions in a worker with one key (signataire only); follow it with decisions.signProgress.',
  },
  'decisions.countersign': {
    kind: 'mutation',
    args: z.strictObject({ id: Id, countersigner: Signatory, credentials: SigningCredentials }),
    result: z.object({ jobId: Id }),
    description:
      'Countersigns a signed decision (a second authority, signataire only): its last signed PDF with one more signature appended, in the same worker as decisions.sign; follow it with decisions.signProgress.',
  },
  'decisions.signProgress': {
    kind: 'query',
    args: z.strictObject({ jobId: Id }),
    result: SignProgress,
    description: 'How far a signing batch has gone: signed, failed (with why), finished.',
  },
  'decisions.signedPdf': {
    kind: 'query',
    args: z.strictObject({ id: Id, signature: z.number().int().min(0).optional() }),
    result: DecisionPdf,
    description: 'The signed PDF as it was after the given signature (0: the first), the last one by default.',
  },
  'decisions.role': {
    kind: 'query',
    args: NoArguments,
    result: RoleResult,
    description: 'The role this desk acts in: instructeur (drafts, proposes) or signataire (signs, sends back).',
  },
  'decisions.setRole': {
    kind: 'mutation',
    args: z.strictObject({ role: DeskRole }),
    result: RoleResult,
    description: 'Chooses the role this desk acts in (a local preference until the hub knows its users).',
  },
  'decisions.pkcs11Slots': {
    kind: 'query',
    args: NoArguments,
    result: z.object({ modulePath: z.string(), slots: z.array(Pkcs11Slot) }),
    description: 'The PKCS#11 module in use and the slots that hold a token (smart card, SoftHSM2).',
  },
  'decisions.setPkcs11Module': {
    kind: 'mutation',
    args: z.strictObject({ path: ModulePath }),
    result: z.object({ modulePath: z.string() }),
    description: 'Chooses the PKCS#11 module (a library file) the desk signs with.',
  },
});
