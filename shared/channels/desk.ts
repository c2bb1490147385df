/**
 * The desk's own channels and the schemas they share: the dossier list and page, the history,
 * the pieces, the preferences and the case file.
 */
import { z } from 'zod';
import { defineChannels, NoArguments } from './channel';
import { CheckId, CheckStatus, DossierCheck } from '../domain/checks';
import {
  DossierImport,
  DossierState,
  DOSSIER_STATES,
  Id,
  IsoDate,
  IsoDateTime,
  Piece,
  TerritoryId,
  Volet,
} from '../domain/dossier';

export const LANGUAGES = ['fr', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
/** BCP 47 tags for number and date formats in each interface language. */
export const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

export const SORT_COLUMNS = ['number', 'demandeur', 'projet', 'territoire', 'montant', 'etat', 'echeance'] as const;
export const SortColumn = z.enum(SORT_COLUMNS);
export type SortColumn = z.infer<typeof SortColumn>;

export const MAX_PAGE_SIZE = 200;

export const DossierFilters = z.strictObject({
  /** Full-text query over dossiers, form fields and the text of attached PDFs. */
  query: z.string().trim().max(200).optional(),
  states: z.array(DossierState).max(DOSSIER_STATES.length).optional(),
  territoryIds: z.array(TerritoryId).max(200).optional(),
  regionCodes: z.array(z.string().regex(/^\d{2}$/)).max(30).optional(),
  volets: z.array(Volet).max(3).optional(),
  /** Only dossiers whose current deadline falls within this many days (overdue included). */
  dueWithinDays: z.number().int().min(0).max(3650).optional(),
  followedOnly: z.boolean().optional(),
  labels: z.array(z.string().min(1).max(60)).max(30).optional(),
  /** Only dossiers with a legal check in this status today; `checkId` narrows it to that check. */
  checkStatus: CheckStatus.optional(),
  checkId: CheckId.optional(),
});
export type DossierFilters = z.infer<typeof DossierFilters>;

export const ListQuery = z.strictObject({
  filters: DossierFilters.default({}),
  sort: z
    .strictObject({ column: SortColumn, direction: z.enum(['asc', 'desc']) })
    .default({ column: 'echeance', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type ListQuery = z.input<typeof ListQuery>;

/** Text with search matches wrapped in these two private-use characters (never HTML). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

export const DossierRow = z.object({
  id: Id,
  number: z.number().int(),
  demandeur: z.string(),
  projet: z.string(),
  territoryId: TerritoryId,
  territoryName: z.string(),
  regionName: z.string(),
  amountRequestedCents: z.number().int(),
  state: DossierState,
  dueDate: IsoDate.nullable(),
  dueKind: z.enum(['admissibility', 'instruction']).nullable(),
  followed: z.boolean(),
  labels: z.array(z.string()),
  /** Each legal check's status today. */
  checks: z.partialRecord(CheckId, CheckStatus),
  /** Where the full-text query matched, with MATCH_START/MATCH_END around the matches. */
  snippet: z.string().nullable(),
});
export type DossierRow = z.infer<typeof DossierRow>;

export const DossierPage = z.object({
  rows: z.array(DossierRow),
  total: z.number().int(),
  countsByState: z.record(DossierState, z.number().int()),
});
export type DossierPage = z.infer<typeof DossierPage>;

export const Facets = z.object({
  territories: z.array(z.object({ id: TerritoryId, name: z.string(), regionCode: z.string() })),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  labels: z.array(z.string()),
});
export type Facets = z.infer<typeof Facets>;

export const DeadlineView = z.object({
  kind: z.enum(['admissibility', 'instruction']),
  due: IsoDate,
  daysLeft: z.number().int(),
  basis: z.string(),
  /** True once the step it guards was done (admissibility notified, decision taken). */
  met: z.boolean(),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

export const PieceView = Piece.extend({
  /** `unreadable` when the file is not a PDF that pdf.js could read at import. */
  textStatus: z.enum(['indexed', 'unreadable', 'not_pdf']),
  pageCount: z.number().int().nullable(),
  /** Present for a piece an instructor attached from outside DS: when, and by whom. */
  attached: z.object({ at: IsoDateTime, by: z.string() }).optional(),
});
export type PieceView = z.infer<typeof PieceView>;

export const DossierDetail = DossierImport.extend({
  followed: z.boolean(),
  pieces: z.array(PieceView),
  deadlines: z.array(DeadlineView),
  /** The legal checks, in a stable order (shared/rules/checks). */
  checks: z.array(DossierCheck),
  /** The Europe/Paris date the deadlines were counted from. */
  today: IsoDate,
});
export type DossierDetail = z.infer<typeof DossierDetail>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  caseFilePath: z.string(),
  caseFileSizeBytes: z.number().int(),
  blobsSizeBytes: z.number().int(),
  dossierCount: z.number().int(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The first journal entry that breaks the hash chain, and why. */
export const JournalBreak = z.discriminatedUnion('reason', [
  z.object({ reason: z.enum(['hash_mismatch', 'prev_hash_mismatch']), seq: z.number().int(), mutationId: z.string() }),
  /** Entries from `missingFrom` up to `seq` - 1 were removed. */
  z.object({ reason: z.literal('gap'), seq: z.number().int(), mutationId: z.string(), missingFrom: z.number().int() }),
]);
export type JournalBreak = z.infer<typeof JournalBreak>;

/** One journal entry of a dossier, as its history shows it. */
export const HistoryEntry = z.object({
  seq: z.number().int(),
  mutationId: z.string(),
  /** The actor's name as recorded. */
  who: z.string(),
  /** UTC ISO 8601, as recorded by the client's clock (the order is `seq`'s). */
  when: z.string(),
  /** The mutation's name, e.g. 'dossier.setFollowed'. */
  what: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  /** The chain holds from the journal's first entry up to this one. */
  intact: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const DossierHistory = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntry),
  /** The whole journal's chain, not only this dossier's entries: removing any entry breaks it. */
  chainIntact: z.boolean(),
  firstBreak: JournalBreak.nullable(),
});
export type DossierHistory = z.infer<typeof DossierHistory>;


/** The channels of the dossier list and page, the preferences and the case file. */
export const deskChannels = defineChannels({
  'app.info': { kind: 'query', args: NoArguments, result: AppInfo, description: 'The case file and the running host.' },
  'preferences.get': {
    kind: 'query',
    args: NoArguments,
    result: z.object({ language: Language }),
    description: "The user's interface preferences.",
  },
  'preferences.setLanguage': {
    kind: 'mutation',
    args: z.strictObject({ language: Language }),
    result: z.object({ language: Language }),
    description: 'Chooses the interface language; the choice persists.',
  },
  'dossiers.list': {
    kind: 'query',
    args: ListQuery,
    result: DossierPage,
    description: 'One page of dossiers, filtered, searched and sorted, with the counts per state.',
  },
  'dossiers.facets': {
    kind: 'query',
    args: NoArguments,
    result: Facets,
    description: 'The values the list can be filtered on.',
  },
  'dossiers.get': {
    kind: 'query',
    args: z.strictObject({ id: Id }),
    result: DossierDetail,
    description: 'Everything the dossier page shows.',
  },
  'dossiers.setFollowed': {
    kind: 'mutation',
    args: z.strictObject({ id: Id, followed: z.boolean() }),
    result: z.object({ followed: z.boolean() }),
    description: 'Follows or stops following a dossier.',
  },
  'dossiers.history': {
    kind: 'query',
    args: z.strictObject({ id: Id }),
    result: DossierHistory,
    description: "The dossier's journal entries, newest first, with the state of the journal's hash chain.",
  },
  'pieces.content': {
    kind: 'query',
    args: z.strictObject({ pieceId: Id }),
    result: z.object({ name: z.string(), mimeType: z.string(), base64: z.string() }),
    description: "A piece's bytes, checked against its SHA-256.",
  },
});

