/**
 * A DS dossier as Relais holds it (DossierImport), through the démarche's mapping. Pure: the
 * files' bytes are already stored (their sha256 given by piece id) and what only the hub knows
 * (the assignment, the AR date) is passed in, so a re-import never erases a desk's work.
 * Anything the mapping cannot read is a DsDossierError: one sentence an administrator can act on.
 */
import { DossierImport, type Champ, type DsAvis, type DsMessage, type Instructor, type Piece, type PieceKind } from '../../../shared/domain/dossier';
import { territoryOfCommune, type TerritoryTables } from '../../../shared/domain/territory';
import { parseRef, type DescriptorRef, type DsMapping } from '../mapping';
import { relaisDossierId, relaisPieceId } from '../ids';
import type { DsChamp, DsDossier, DsFile, DsLeafChamp } from '../operations/import';

export class DsDossierError extends Error {
  constructor(
    readonly number: number,
    sentence: string,
  ) {
    super(`Dossier ${number}: ${sentence}`);
    this.name = 'DsDossierError';
  }
}

/** A file of the dossier, where it sits, and the piece it becomes. */
export interface DsFileRef {
  pieceId: string;
  kind: PieceKind;
  file: DsFile;
}

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface MapContext {
  mapping: DsMapping;
  territories: TerritoryTables;
  /** The stored bytes of every file of `dossierFiles`, by piece id. */
  files: ReadonlyMap<string, StoredFile>;
  /** What desks set on the hub and DS does not carry. */
  hub: { assignedInstructor: Instructor | null; arDate: string | null };
}

/** Champs before the form's first header section are shown under this one. */
export const DEFAULT_SECTION = 'Formulaire';
const MAX_CHAMPS = 500;
const MAX_PIECES = 100;

function matches(ref: DescriptorRef, champ: DsLeafChamp): boolean {
  const parsed = parseRef(ref);
  return 'id' in parsed ? champ.champDescriptorId === parsed.id : champ.label === parsed.label;
}

function pieceKind(mapping: DsMapping, champ: DsLeafChamp): PieceKind {
  return Object.entries(mapping.pieces).find(([ref]) => matches(ref, champ))?.[1] ?? 'autre';
}

/** Every file of the dossier: piece champs (also inside repetitions), then messages' and avis' attachments. */
export function dossierFiles(dossier: DsDossier, mapping: DsMapping): DsFileRef[] {
  const refs = new Map<string, DsFileRef>();
  const add = (place: string, kind: PieceKind, file: DsFile) => {
    const pieceId = relaisPieceId(dossier.number, place, file.checksum, file.filename);
    if (!refs.has(pieceId)) refs.set(pieceId, { pieceId, kind, file });
  };
  const fromChamp = (champ: DsLeafChamp, place: string) => {
    for (const file of champ.files ?? []) add(place, pieceKind(mapping, champ), file);
  };
  for (const champ of dossier.champs) {
    fromChamp(champ, `champ:${champ.champDescriptorId}`);
    for (const row of champ.rows ?? []) for (const inner of row.champs) fromChamp(inner, `champ:${inner.champDescriptorId}:${row.id}`);
  }
  for (const message of dossier.messages) if (!message.discardedAt) for (const file of message.attachments) add(`message:${message.id}`, 'autre', file);
  for (const avis of dossier.avis) for (const file of avis.attachments) add(`avis:${avis.id}`, 'autre', file);
  return [...refs.values()];
}

/** DS instants carry an offset; Relais holds them in UTC. */
function utc(number: number, instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new DsDossierError(number, `DS gives « ${instant} » where a date is expected.`);
  return date.toISOString();
}

function champText(champ: DsLeafChamp): string {
  if (champ.files && champ.files.length > 0) return champ.files.map((file) => file.filename).join(', ');
  return (champ.stringValue ?? '').trim();
}

/** All filled champs, each under the header section before it; repetition rows are numbered. */
function formChamps(dossier: DsDossier): Champ[] {
  const champs: Champ[] = [];
  let section = DEFAULT_SECTION;
  const push = (label: string, value: string) => {
    if (value !== '') champs.push({ section: section.slice(0, 200), label: label.slice(0, 300), value: value.slice(0, 20_000) });
  };
  for (const champ of dossier.champs) {
    if (champ.__typename === 'HeaderSectionChamp') {
      if (champ.label.trim() !== '') section = champ.label.trim();
    } else if (champ.rows) {
      champ.rows.forEach((row, i) => {
        for (const inner of row.champs) if (inner.__typename !== 'HeaderSectionChamp') push(`${champ.label} n° ${i + 1} — ${inner.label}`, champText(inner));
      });
    } else {
      push(champ.label, champText(champ));
    }
  }
  return champs.slice(0, MAX_CHAMPS);
}

/** Reads the mapped champs of one dossier, each failure a sentence naming the champ. */
class ChampReader {
  constructor(
    private readonly number: number,
    private readonly champs: readonly DsLeafChamp[],
  ) {}

  fail(sentence: string): never {
    throw new DsDossierError(this.number, sentence);
  }

  find(ref: DescriptorRef): DsLeafChamp {
    return this.champs.find((champ) => matches(ref, champ)) ?? this.fail(`the form has no champ « ${ref} », which the mapping names.`);
  }

  block(ref: DescriptorRef): DsChamp {
    const champ = this.find(ref) as DsChamp;
    return champ.rows ? champ : this.fail(`the champ « ${ref} » is not a repetition block.`);
  }

  text(ref: DescriptorRef, { required = true } = {}): string {
    const value = (this.find(ref).stringValue ?? '').trim();
    if (required && value === '') this.fail(`the champ « ${ref} » is empty.`);
    return value;
  }

  choice<T>(ref: DescriptorRef, values: Record<string, T>, what: string): T {
    const champ = this.find(ref);
    const option = (champ.choice ?? champ.stringValue ?? '').trim();
    const value = values[option];
    return value ?? this.fail(`« ${option} » in the champ « ${ref} » is not a ${what} the mapping knows.`);
  }

  date(ref: DescriptorRef): string {
    const champ = this.find(ref);
    const value = champ.date ?? champ.stringValue ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : this.fail(`the champ « ${ref} » holds no date.`);
  }

  cents(ref: DescriptorRef): number {
    const champ = this.find(ref);
    const euros =
      champ.decimalValue ?? (champ.integerValue != null ? Number(champ.integerValue) : parseEuros(champ.stringValue ?? ''));
    if (euros === null || !Number.isFinite(euros) || euros < 0) this.fail(`the champ « ${ref} » holds no amount.`);
    return Math.round(euros * 100);
  }

  yes(ref: DescriptorRef): boolean {
    const champ = this.find(ref);
    return champ.checked ?? champ.yesNo ?? ['oui', 'true', 'on'].includes((champ.stringValue ?? '').trim().toLowerCase());
  }

  commune(ref: DescriptorRef): { code: string; name: string } {
    return this.find(ref).commune ?? this.fail(`the champ « ${ref} » names no commune.`);
  }
}

/** "12 500,50 €" or "12500.5" as euros; null when it is not an amount. */
function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

/** DS gives the NAF code without its dot ("2562B"); Relais writes it as INSEE does ("25.62B"). */
export function nafWithDot(naf: string): string | null {
  const match = /^(\d{2})\.?(\d{2}[A-Z])$/.exec(naf.trim().toUpperCase());
  return match ? `${match[1]}.${match[2]}` : null;
}

function rowsOf(number: number, block: DsChamp): ChampReader[] {
  return (block.rows ?? []).map((row) => new ChampReader(number, row.champs));
}

export function mapDossier(dossier: DsDossier, context: MapContext): DossierImport {
  const { number } = dossier;
  const { mapping } = context;
  const refs = mapping.champs;
  const reader: ChampReader = new ChampReader(number, dossier.champs);

  const demandeur = dossier.demandeur;
  if (demandeur.__typename !== 'PersonneMorale' || !demandeur.entreprise || !demandeur.address) {
    reader.fail('the applicant is not a company with a SIRET (PersonneMorale), as Relais expects.');
  }
  const nafCode = nafWithDot(demandeur.naf ?? '') ?? reader.fail(`the applicant's NAF code « ${demandeur.naf ?? ''} » is not a NAF code.`);

  const site = reader.commune(refs.siteCommune);
  const territory =
    territoryOfCommune(context.territories, site.code) ??
    reader.fail(`the site's commune ${site.name} (${site.code}) is in no Territoire d'industrie, so no region can instruct it.`);

  const costLines = rowsOf(number, reader.block(refs.costLines.block)).map((row) => ({
    label: row.text(refs.costLines.columns.label),
    amountCents: row.cents(refs.costLines.columns.amount),
    eligible: row.yes(refs.costLines.columns.eligible),
  }));
  const financingPlan = rowsOf(number, reader.block(refs.financingPlan.block)).map((row) => ({
    funder: row.text(refs.financingPlan.columns.funder),
    kind: row.choice(refs.financingPlan.columns.kind, mapping.values.fundingKind, 'kind of funding'),
    amountCents: row.cents(refs.financingPlan.columns.amount),
  }));

  const files = dossierFiles(dossier, mapping);
  if (files.length > MAX_PIECES) reader.fail(`it has ${files.length} files, more than the ${MAX_PIECES} Relais holds for one dossier.`);
  const pieces: Piece[] = files.map(({ pieceId, kind, file }) => {
    const stored = context.files.get(pieceId) ?? reader.fail(`the file « ${file.filename} » was not downloaded.`);
    return { id: pieceId, name: file.filename.slice(0, 255), kind, mimeType: file.contentType.slice(0, 100), sizeBytes: stored.size, sha256: stored.sha256 };
  });

  const messages: DsMessage[] = dossier.messages
    .filter((message) => !message.discardedAt)
    .map((message) => ({
      id: message.id,
      at: utc(number, message.createdAt),
      from: message.email.slice(0, 254),
      body: message.body.slice(0, 50_000),
      attachments: message.attachments.slice(0, 20).map((file) => file.filename.slice(0, 255)),
    }));
  const avis: DsAvis[] = dossier.avis.map((entry) => ({
    id: entry.id,
    askedAt: utc(number, entry.dateQuestion),
    answeredAt: entry.dateReponse ? utc(number, entry.dateReponse) : null,
    expert: entry.expert?.email.slice(0, 254) ?? null,
    question: entry.question.slice(0, 20_000),
    answer: entry.reponse?.slice(0, 50_000) ?? null,
    attachments: entry.attachments.slice(0, 20).map((file) => file.filename.slice(0, 255)),
  }));

  const candidate = {
    id: relaisDossierId(number),
    number,
    state: dossier.state,
    demandeur: {
      siret: demandeur.siret,
      siren: demandeur.entreprise.siren,
      raisonSociale: demandeur.entreprise.raisonSociale,
      nafCode,
      nafLabel: (demandeur.libelleNaf ?? '').slice(0, 300),
      size: reader.choice(refs.companySize, mapping.values.companySize, 'company size'),
      address: {
        line: (demandeur.address.streetAddress || demandeur.address.label).slice(0, 200),
        postalCode: demandeur.address.postalCode,
        communeInsee: demandeur.address.cityCode,
        communeName: demandeur.address.cityName,
      },
    },
    projet: {
      title: reader.text(refs.projetTitle).slice(0, 300),
      summary: reader.text(refs.projetSummary, { required: false }).slice(0, 10_000),
      volet: reader.choice(refs.projetVolet, mapping.values.volet, 'volet'),
      valueChain: reader.text(refs.projetValueChain, { required: false }).slice(0, 200),
      siteCommuneInsee: site.code,
      siteCommuneName: site.name,
      ...territory,
      plannedStart: reader.date(refs.plannedStart),
      plannedEnd: reader.date(refs.plannedEnd),
    },
    finance: {
      costLines,
      eligibleBaseCents: costLines.filter((line) => line.eligible).reduce((sum, line) => sum + line.amountCents, 0),
      financingPlan,
      amountRequestedCents: reader.cents(refs.amountRequested),
    },
    champs: formChamps(dossier),
    pieces,
    dates: {
      receivedAt: utc(number, dossier.dateDepot),
      arDate: context.hub.arDate,
      admissibilityNotifiedOn: null,
      svaSvrDecisionOn: dossier.datePrevisionnelleDecisionSVASVR ?? null,
    },
    assignedInstructor: context.hub.assignedInstructor,
    labels: [...new Set(dossier.labels.map((label) => label.name.trim()).filter((name) => name.length > 0 && name.length <= 60))].slice(0, 30),
    updatedAt: utc(number, dossier.dateDerniereModification),
    exchanges: { messages, avis },
  };
  const parsed = DossierImport.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    reader.fail(`what DS gives does not fit Relais at ${issue.path.join('.')}: ${issue.message}.`);
  }
  return parsed.data;
}
