/** The dossier as Relais holds it: zod schemas are the single source of the domain types. */
import { z } from 'zod';
import { isValidIsoDate } from './dates';
import { isValidSiren, isValidSiret } from './siret';

export const DOSSIER_STATES = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'] as const;
export const DossierState = z.enum(DOSSIER_STATES);
export type DossierState = z.infer<typeof DossierState>;
/** Once decided, no procedure deadline runs any more. */
export const DECIDED_STATES: readonly DossierState[] = ['accepte', 'refuse', 'sans_suite'];

export const COMPANY_SIZES = ['petite', 'moyenne', 'grande'] as const;
export const CompanySize = z.enum(COMPANY_SIZES);
export type CompanySize = z.infer<typeof CompanySize>;

export const VOLETS = [1, 2, 3] as const;
export const Volet = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Volet = z.infer<typeof Volet>;

export const PIECE_KINDS = ['devis', 'extrait_kbis', 'plan_financement', 'dossier_technique', 'autre'] as const;
export const PieceKind = z.enum(PIECE_KINDS);
export type PieceKind = z.infer<typeof PieceKind>;

export const IsoDate = z.string().refine(isValidIsoDate, { message: 'expected a date YYYY-MM-DD' });
export const IsoDateTime = z.iso.datetime({ offset: false });
export const Cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected a SHA-256 in hexadecimal' });
export const Id = z.string().uuid();
export const InseeCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, { message: 'expected an INSEE commune code' });
export const TerritoryId = z.string().regex(/^ti-\d{4}$/, { message: 'expected a territory id ti-XXXX' });
export const NafCode = z.string().regex(/^\d{2}\.\d{2}[A-Z]$/, { message: 'expected a NAF code like 25.62B' });

export const Address = z.object({
  line: z.string().min(1).max(200),
  postalCode: z.string().regex(/^\d{5}$/),
  communeInsee: InseeCode,
  communeName: z.string().min(1).max(100),
});
export type Address = z.infer<typeof Address>;

export const Demandeur = z.object({
  siret: z.string().refine(isValidSiret, { message: 'invalid SIRET' }),
  siren: z.string().refine(isValidSiren, { message: 'invalid SIREN' }),
  raisonSociale: z.string().min(1).max(200),
  nafCode: NafCode,
  nafLabel: z.string().max(300),
  size: CompanySize,
  address: Address,
});
export type Demandeur = z.infer<typeof Demandeur>;

export const Projet = z.object({
  title: z.string().min(1).max(300),
  summary: z.string().max(10_000),
  volet: Volet,
  valueChain: z.string().max(200),
  siteCommuneInsee: InseeCode,
  siteCommuneName: z.string().max(100),
  territoryId: TerritoryId,
  territoryName: z.string().max(200),
  regionCode: z.string().regex(/^\d{2}$/),
  regionName: z.string().max(100),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
});
export type Projet = z.infer<typeof Projet>;

export const CostLine = z.object({
  label: z.string().min(1).max(300),
  amountCents: Cents,
  eligible: z.boolean(),
});
export type CostLine = z.infer<typeof CostLine>;

export const FUNDING_KINDS = ['aide_publique', 'emprunt', 'fonds_propres'] as const;
export const FundingSource = z.object({
  funder: z.string().min(1).max(200),
  kind: z.enum(FUNDING_KINDS),
  amountCents: Cents,
});
export type FundingSource = z.infer<typeof FundingSource>;

export const Finance = z.object({
  costLines: z.array(CostLine).max(200),
  eligibleBaseCents: Cents,
  financingPlan: z.array(FundingSource).max(50),
  amountRequestedCents: Cents,
});
export type Finance = z.infer<typeof Finance>;

/** One form value, as the applicant filled it on DS, grouped by the form's sections. */
export const Champ = z.object({
  section: z.string().min(1).max(200),
  label: z.string().min(1).max(300),
  value: z.string().max(20_000),
});
export type Champ = z.infer<typeof Champ>;

export const Piece = z.object({
  id: Id,
  name: z.string().min(1).max(255),
  kind: PieceKind,
  mimeType: z.string().max(100),
  sizeBytes: z.number().int().min(0),
  sha256: Sha256,
});
export type Piece = z.infer<typeof Piece>;

export const Instructor = z.object({ email: z.email(), name: z.string().min(1).max(200) });
export type Instructor = z.infer<typeof Instructor>;

export const ProcedureDates = z.object({
  /** When DS recorded the deposit (UTC instant). */
  receivedAt: IsoDateTime,
  /** Date of the accusé de réception, once sent. */
  arDate: IsoDate.nullable(),
  /** Date admissibility was notified, if it was. */
  admissibilityNotifiedOn: IsoDate.nullable(),
  /** Silence vaut acceptation / rejet: the date DS gives for the implicit decision, when the démarche has one. */
  svaSvrDecisionOn: IsoDate.nullable().optional(),
});
export type ProcedureDates = z.infer<typeof ProcedureDates>;

/** A message of DS's messagerie, between the applicant and the administration: read-only in Relais. */
export const DsMessage = z.object({
  id: z.string().min(1).max(200),
  at: IsoDateTime,
  /** The sender's e-mail as DS gives it. */
  from: z.string().max(254),
  body: z.string().max(50_000),
  /** Names of its attachments; their files are among the dossier's pieces. */
  attachments: z.array(z.string().max(255)).max(20),
});
export type DsMessage = z.infer<typeof DsMessage>;

/** An expert's opinion (avis) asked on DS: read-only in Relais. */
export const DsAvis = z.object({
  id: z.string().min(1).max(200),
  askedAt: IsoDateTime,
  answeredAt: IsoDateTime.nullable(),
  expert: z.string().max(254).nullable(),
  question: z.string().max(20_000),
  answer: z.string().max(50_000).nullable(),
  attachments: z.array(z.string().max(255)).max(20),
});
export type DsAvis = z.infer<typeof DsAvis>;

/** What was said about the dossier on DS, imported by the hub's connector (absent for demo dossiers). */
export const DsExchanges = z.object({
  messages: z.array(DsMessage).max(1000),
  avis: z.array(DsAvis).max(200),
});
export type DsExchanges = z.infer<typeof DsExchanges>;

/** A dossier as it arrives from the hub (or the demo generator): everything but local work. */
export const DossierImport = z.object({
  id: Id,
  number: z.number().int().positive(),
  state: DossierState,
  demandeur: Demandeur,
  projet: Projet,
  finance: Finance,
  champs: z.array(Champ).max(500),
  pieces: z.array(Piece).max(100),
  dates: ProcedureDates,
  assignedInstructor: Instructor.nullable(),
  labels: z.array(z.string().min(1).max(60)).max(30),
  updatedAt: IsoDateTime,
  exchanges: DsExchanges.optional(),
});
export type DossierImport = z.infer<typeof DossierImport>;
