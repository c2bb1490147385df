/**
 * A decision on a dossier: the administrative act an instructor drafts and proposes and an
 * official signs. Its content is data (what the PDF says); its state is its life in Relais.
 */
import { z } from 'zod';
import { Cents, Id, IsoDate, IsoDateTime, Sha256 } from './dossier';

export const DECISION_TYPES = ['accuse-reception', 'demande-pieces', 'attribution', 'refus', 'sans-suite'] as const;
export const DecisionType = z.enum(DECISION_TYPES);
export type DecisionType = z.infer<typeof DecisionType>;

/** brouillon → proposee → signee; a proposal sent back, or whose dossier changed, is a draft again. */
export const DECISION_STATES = ['brouillon', 'proposee', 'signee'] as const;
export const DecisionState = z.enum(DECISION_STATES);
export type DecisionState = z.infer<typeof DecisionState>;

export const MAX_DECISION_TEXT = 20_000;
const Line = z.string().trim().min(1).max(300);
/**
 * Texts may be empty in a draft (the editor saves as the instructor types); what a proposal
 * must hold (a refusal's reasons, an amount within the ceiling…) is checked by shared/rules/decisions.
 */
const Text = z.string().trim().max(MAX_DECISION_TEXT);

/** Who signs, as CRPA art. L212-1 wants it written under the act. */
export const Signatory = z.strictObject({
  firstName: Line,
  lastName: Line,
  title: Line,
  /** "Pour le préfet de région et par délégation, …", when the signer holds a delegation. */
  delegation: z.string().trim().max(300).nullable(),
});
export type Signatory = z.infer<typeof Signatory>;

/**
 * The dossier an act decides on, copied from it when the act is drafted: the act names its
 * addressee and project (décret 2018-514 art. 8), and the project's region gives the issuing
 * authority's seat and the competent court (resources/decisions/authorities.json).
 */
export const DecisionDossier = z.strictObject({
  number: z.number().int().positive(),
  company: Line,
  siret: z.string().regex(/^\d{14}$/),
  /** The company's postal address, one line per entry. */
  address: z.array(Line).min(1).max(4),
  projectTitle: Line,
  regionCode: z.string().regex(/^\d{2}$/),
});
export type DecisionDossier = z.infer<typeof DecisionDossier>;

/** What every act carries, whatever its type. */
const Common = {
  dossier: DecisionDossier,
  /** The act's reference number, unique in the case file. */
  reference: Line,
  /** The date printed on the act. */
  date: IsoDate,
  /** The issuing authority's heading, top to bottom (e.g. "PRÉFET DE LA RÉGION GRAND EST", "SGAR"). */
  authority: z.array(Line).min(1).max(6),
  signatory: Signatory,
  /** Free text the instructor adds before the closing formulas (may be empty). */
  remarks: Text,
};

export const AccuseReceptionContent = z.strictObject({
  type: z.literal('accuse-reception'),
  ...Common,
  receivedOn: IsoDate,
  /** Admissibility to be notified by (2 months from receipt). */
  admissibilityDue: IsoDate,
  /** Instruction delay in months, from the acknowledgement (décret 2018-514 art. 7). */
  instructionMonths: z.number().int().min(1).max(24),
});

export const DemandePiecesContent = z.strictObject({
  type: z.literal('demande-pieces'),
  ...Common,
  missingPieces: z.array(Line).max(50),
  /** The date by which the applicant is to answer. */
  answerBy: IsoDate,
});

export const PaymentTerms = z.strictObject({
  advanceCents: Cents,
  bankGuarantee: z.boolean(),
  /** Instalments paid on proof of expenditure, as a text the instructor may adjust. */
  instalments: Text,
  balance: Text,
});

export const AttributionContent = z.strictObject({
  type: z.literal('attribution'),
  ...Common,
  eligibleExpenditureCents: Cents,
  /** Rate applied to the eligible expenditure, in hundredths of a percent (2 500 = 25 %). */
  rateBasisPoints: z.number().int().min(1).max(10_000),
  /** The maximum amount of the grant; the rules check it against the request and the ceiling. */
  amountCents: Cents,
  /** The State-aid basis quoted in the visas (e.g. "règlement (UE) 2023/2831 (de minimis)"). */
  stateAidBasis: Line,
  /** Visas beyond the fixed ones the template always quotes. */
  extraVisas: z.array(Line).max(20),
  worksStartOn: IsoDate,
  completionOn: IsoDate,
  payment: PaymentTerms,
  repayment: Text,
});

export const RefusContent = z.strictObject({
  type: z.literal('refus'),
  ...Common,
  /** CRPA L211-5: a refusal states its reasons of law and of fact (a proposal needs both). */
  reasonsOfLaw: Text,
  reasonsOfFact: Text,
});

export const SansSuiteContent = z.strictObject({
  type: z.literal('sans-suite'),
  ...Common,
  reason: Text,
});

export const DecisionContent = z.discriminatedUnion('type', [
  AccuseReceptionContent,
  DemandePiecesContent,
  AttributionContent,
  RefusContent,
  SansSuiteContent,
]);
export type DecisionContent = z.infer<typeof DecisionContent>;
export type DecisionContentOf<T extends DecisionType> = Extract<DecisionContent, { type: T }>;

/** A signature recorded on a decision: the signed PDF never changes, its hash is in the journal. */
export const DecisionSignature = z.strictObject({
  signerName: Line,
  signerTitle: Line,
  signedAt: IsoDateTime,
  pdfSha256: Sha256,
});
export type DecisionSignature = z.infer<typeof DecisionSignature>;

export const Decision = z.strictObject({
  id: Id,
  dossierId: Id,
  state: DecisionState,
  content: DecisionContent,
  /** Bumped by every change; a guarded command names the version it expects. */
  version: z.number().int().min(1),
  proposedAt: IsoDateTime.nullable(),
  /** Set when a proposal went back to draft: the signer's comment, or that the dossier changed. */
  sentBack: z
    .strictObject({ at: IsoDateTime, by: z.string().max(200), comment: Text.min(1), dossierChanged: z.boolean() })
    .nullable(),
  /** Every signature, the first one first (a countersignature adds one). */
  signatures: z.array(DecisionSignature),
  updatedAt: IsoDateTime,
});
export type Decision = z.infer<typeof Decision>;
