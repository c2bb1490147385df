/**
 * One synthetic dossier as DS would deliver it: a real site commune and its territory, a real
 * industrial NAF code, a valid SIRET, a budget that adds up, procedure dates consistent with the
 * dossier's state, form fields grouped as on the DS form, and pieces drawn from the pool.
 */
import { addDays, addMonths, parisDate } from '../../../shared/domain/dates';
import type { Champ, CompanySize, CostLine, DossierImport, DossierState, FundingSource, Instructor, Piece, PieceKind, Volet } from '../../../shared/domain/dossier';
import { formatEuros } from '../../../shared/domain/money';
import { withLuhnKey } from '../../../shared/domain/siret';
import { territoryOfCommune } from '../../../shared/domain/territory';
import { pickIndustry } from './naf';
import { emailOf, fullName, pickCompanyName, pickPerson, pickPhone, pickStreetLine, slug, type Person } from './people';
import { demoPlaces, pickCommune, type DemoPlaces } from './places';
import type { Random } from './random';
import { fill, themesOfVolet, themeValues, VOLET_LABELS, type Theme } from './themes';

const DAY_MS = 86_400_000;
/** The programme's first call opened in January 2024. */
const FIRST_RECEIPT = Date.UTC(2024, 0, 2);

export interface PoolPiece {
  sha256: string;
  sizeBytes: number;
  name: string;
  kind: PieceKind;
  mimeType: string;
  themeId: string | null;
}

export interface DossierCatalogue {
  places: DemoPlaces;
  /** Quotes and technical files by theme; other documents by kind. */
  piecesByTheme: ReadonlyMap<string, { devis: PoolPiece[]; dossier_technique: PoolPiece[] }>;
  piecesByKind: ReadonlyMap<PieceKind, PoolPiece[]>;
  /** A truncated PDF and a file that is no PDF at all, as applicants sometimes upload. */
  damagedPieces: readonly PoolPiece[];
  instructorsByRegion: ReadonlyMap<string, Instructor[]>;
  labels: readonly string[];
  /** The instant the demo pretends it is: every date lies before it. */
  now: Date;
}

const DEMO_LABELS = [
  'Visite à programmer',
  'Pièces manquantes',
  'Prioritaire',
  'Comité de sélection',
  'Cofinancement Région',
  'À relancer',
  'Dossier complexe',
  'Aide d’État à vérifier',
] as const;

const STATE_WEIGHTS: ReadonlyArray<readonly [DossierState, number]> = [
  ['en_construction', 22],
  ['en_instruction', 38],
  ['accepte', 22],
  ['refuse', 10],
  ['sans_suite', 8],
];

const SIZE_WEIGHTS: ReadonlyArray<readonly [CompanySize, number]> = [
  ['petite', 45],
  ['moyenne', 35],
  ['grande', 20],
];

/** Total project cost in euros, by company size. */
const BUDGET_RANGE: Record<CompanySize, [number, number]> = {
  petite: [80_000, 1_200_000],
  moyenne: [400_000, 5_000_000],
  grande: [1_500_000, 20_000_000],
};

/** Staff (full-time equivalents) by size, as the EU SME definition bounds them. */
const HEADCOUNT: Record<CompanySize, [number, number]> = { petite: [10, 49], moyenne: [50, 249], grande: [250, 2500] };

const OTHER_FUNDERS = ['Conseil régional', 'ADEME', 'FEDER', 'Bpifrance (subvention innovation)'] as const;
const LENDERS = ['Crédit Agricole', 'Banque Populaire', 'BNP Paribas', 'Société Générale', 'Caisse d’Épargne', 'Bpifrance (prêt vert)', 'Crédit Mutuel'] as const;

interface Timeline {
  receivedAt: Date;
  arDate: string | null;
  admissibilityNotifiedOn: string | null;
  updatedAt: Date;
}

/** An instant on a working day, during office hours in Paris. */
function officeInstant(random: Random, day: number): Date {
  let date = new Date(day);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date = new Date(date.getTime() + DAY_MS);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnight + random.int(6 * 60, 17 * 60) * 60_000 + random.int(0, 59_999));
}

/** A Paris calendar date as an instant in the middle of its working day. */
function instantOf(random: Random, date: string): Date {
  return new Date(Date.parse(`${date}T08:00:00Z`) + random.int(0, 9 * 60) * 60_000);
}

function timeline(random: Random, state: DossierState, now: Date): Timeline {
  const nowMs = now.getTime();
  const today = parisDate(now);
  const [minDays, maxDays] =
    state === 'en_construction' ? [1, 80] : state === 'en_instruction' ? [20, 330] : [90, Math.floor((nowMs - FIRST_RECEIPT) / DAY_MS)];
  let receivedAt = officeInstant(random, nowMs - random.int(minDays, maxDays) * DAY_MS);
  if (receivedAt.getTime() >= nowMs) receivedAt = new Date(nowMs - DAY_MS);
  const notAfterToday = (date: string) => (date <= today ? date : null);
  const acknowledged = state === 'en_construction' ? random.chance(0.85) : random.chance(0.97);
  const arDate = acknowledged ? notAfterToday(addDays(parisDate(receivedAt), random.int(1, 6))) : null;
  const admitted = state === 'en_construction' ? false : random.chance(state === 'en_instruction' ? 0.7 : 0.85);
  const admissibilityNotifiedOn = admitted && arDate ? notAfterToday(addDays(arDate, random.int(10, 55))) : null;
  let updatedAt = receivedAt;
  for (const date of [arDate, admissibilityNotifiedOn]) {
    if (date) updatedAt = instantOf(random, date);
  }
  if (state === 'accepte' || state === 'refuse' || state === 'sans_suite') {
    const decided = notAfterToday(addDays(arDate ?? parisDate(receivedAt), random.int(60, 240)));
    if (decided) updatedAt = instantOf(random, decided);
  }
  if (updatedAt.getTime() > nowMs) updatedAt = now;
  return { receivedAt, arDate, admissibilityNotifiedOn, updatedAt };
}

function siretOf(random: Random): { siret: string; siren: string } {
  // Both keys follow the same Luhn rule: 8 digits + key for the SIREN, SIREN + 4-digit NIC + key for the SIRET.
  const siren = withLuhnKey(`${random.int(3, 9)}${random.digits(7)}`);
  const nic = random.chance(0.6) ? '0001' : random.digits(4);
  return { siren, siret: withLuhnKey(siren + nic) };
}

function roundTo(cents: number, step: number): number {
  return Math.max(step, Math.round(cents / step) * step);
}

function budget(random: Random, theme: Theme, size: CompanySize, values: Record<string, string | number>) {
  const [minEuros, maxEuros] = BUDGET_RANGE[size];
  const targetCents = Math.round(random.logBetween(minEuros, maxEuros)) * 100;
  const specific = theme.costLines.filter((line) => line.eligible && line.weight >= 5);
  const others = theme.costLines.filter((line) => !specific.includes(line) && random.chance(0.55));
  const chosen = [...specific, ...others];
  const weights = chosen.map((line) => line.weight * random.between(0.6, 1.4));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const costLines: CostLine[] = chosen.map((line, i) => ({
    label: fill(line.label, values),
    amountCents: roundTo((targetCents * weights[i]!) / totalWeight, random.chance(0.7) ? 100 : 1),
    eligible: line.eligible,
  }));
  const totalCents = costLines.reduce((sum, line) => sum + line.amountCents, 0);
  const eligibleBaseCents = costLines.filter((line) => line.eligible).reduce((sum, line) => sum + line.amountCents, 0);
  // Requests run at 10-40 % of the eligible base, in round hundreds of euros.
  const amountRequestedCents = Math.floor((eligibleBaseCents * random.between(0.1, 0.4)) / 10_000) * 10_000;
  const financingPlan: FundingSource[] = [];
  let remaining = totalCents - amountRequestedCents;
  if (random.chance(0.35)) {
    // Total public aid stays within the eligible base (décret 2018-514, art. 10).
    const aid = Math.floor((eligibleBaseCents * random.between(0.03, 0.15)) / 10_000) * 10_000;
    if (aid > 0 && aid + amountRequestedCents <= eligibleBaseCents) {
      financingPlan.push({ funder: random.pick(OTHER_FUNDERS), kind: 'aide_publique', amountCents: aid });
      remaining -= aid;
    }
  }
  if (random.chance(0.6)) {
    const loan = Math.floor((remaining * random.between(0.2, 0.6)) / 10_000) * 10_000;
    if (loan > 0) {
      financingPlan.push({ funder: random.pick(LENDERS), kind: 'emprunt', amountCents: loan });
      remaining -= loan;
    }
  }
  financingPlan.push({ funder: 'Autofinancement', kind: 'fonds_propres', amountCents: remaining });
  return { costLines, totalCents, eligibleBaseCents, amountRequestedCents, financingPlan };
}

function frenchDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function pickPieces(random: Random, catalogue: DossierCatalogue, theme: Theme, ordinal: number): PoolPiece[] {
  const ofTheme = catalogue.piecesByTheme.get(theme.id);
  const quotes = ofTheme?.devis.length ? ofTheme.devis : catalogue.piecesByKind.get('devis') ?? [];
  const pieces = random.sample(quotes, random.chance(0.35) ? 2 : 1);
  const optional: Array<[PoolPiece[] | undefined, number]> = [
    [catalogue.piecesByKind.get('extrait_kbis'), 0.75],
    [catalogue.piecesByKind.get('plan_financement'), 0.6],
    [ofTheme?.dossier_technique.length ? ofTheme.dossier_technique : catalogue.piecesByKind.get('dossier_technique'), 0.15],
  ];
  for (const [candidates, probability] of optional) {
    if (candidates?.length && random.chance(probability)) pieces.push(random.pick(candidates));
  }
  // A few dossiers carry a damaged upload; the 2nd and 3rd of every demo always do, so tests can find one.
  const damaged = ordinal === 2 ? 0 : ordinal === 3 ? 1 : random.chance(0.004) ? random.int(0, catalogue.damagedPieces.length - 1) : -1;
  while (pieces.length < 2) pieces.push(random.pick(catalogue.piecesByKind.get('extrait_kbis') ?? quotes));
  const upload = catalogue.damagedPieces[damaged];
  return upload ? [...pieces.slice(0, 4), upload] : pieces;
}

interface ChampDraft {
  section: string;
  label: string;
  value: string;
  /** Optional fields are left blank by some applicants (DS omits them). */
  optional?: boolean;
}

export interface DossierPosition {
  /** The DS number. */
  number: number;
  /** 1 for the demo's first dossier, 2 for the next… */
  ordinal: number;
}

export function buildDossier(random: Random, catalogue: DossierCatalogue, { number, ordinal }: DossierPosition, newId: () => string): DossierImport {
  const { places } = catalogue;
  const place = random.pick(places.territories);
  const site = pickCommune(random, place);
  const territory = territoryOfCommune(places.tables, site.insee);
  if (!territory) throw new Error(`commune ${site.insee} has no territory`);
  const head = random.chance(0.75) ? site : pickCommune(random, place);
  const industry = pickIndustry(random);
  const size = random.weighted(SIZE_WEIGHTS);
  const raisonSociale = pickCompanyName(random, industry.tradeWords, head.name);
  const { siret, siren } = siretOf(random);
  const volet = random.weighted<Volet>([[1, 40], [2, 35], [3, 25]]);
  const theme = random.pick(themesOfVolet(volet));
  const values = themeValues(random, site.name);
  const title = fill(random.pick(theme.titles), values);
  const summary = [
    ...theme.sentences.map((sentence) => fill(sentence, values)),
    `Le projet s’inscrit dans la feuille de route du Territoire d’industrie « ${territory.territoryName} ».`,
  ].join(' ');
  const state = random.weighted(STATE_WEIGHTS);
  const dates = timeline(random, state, catalogue.now);
  const plannedStart = addDays(parisDate(dates.receivedAt), random.int(30, 270));
  const plannedEnd = addMonths(plannedStart, random.int(12, 36));
  const finance = budget(random, theme, size, values);
  const siteLine = pickStreetLine(random);
  const contact: Person = pickPerson(random);
  const companyDomain = `${slug(raisonSociale.replace(/ (SAS|SASU|SARL|SA|SCOP)$/, ''), '-')}.fr`;
  const [minStaff, maxStaff] = HEADCOUNT[size];
  const headcount = random.int(minStaff, maxStaff);
  const otherAid = finance.financingPlan.filter((f) => f.kind === 'aide_publique');
  const rate = finance.eligibleBaseCents ? ((finance.amountRequestedCents / finance.eligibleBaseCents) * 100).toFixed(1).replace('.', ',') : '0';

  const identification = 'Identification du demandeur';
  const projet = 'Description du projet';
  const localisation = 'Localisation du projet';
  const impacts = 'Impacts attendus';
  const financement = 'Budget et plan de financement';
  const engagements = 'Aides publiques et engagements';
  const drafts: ChampDraft[] = [
    { section: identification, label: 'Numéro SIRET', value: siret },
    { section: identification, label: 'Raison sociale', value: raisonSociale },
    { section: identification, label: 'Code NAF', value: `${industry.nafCode} — ${industry.nafLabel}` },
    { section: identification, label: 'Taille de l’entreprise', value: { petite: 'Petite entreprise', moyenne: 'Moyenne entreprise', grande: 'Grande entreprise' }[size] },
    { section: identification, label: 'Effectif (ETP)', value: String(headcount) },
    { section: identification, label: 'Chiffre d’affaires du dernier exercice', value: formatEuros(headcount * random.int(120, 320) * 100_000), optional: true },
    { section: identification, label: 'Représentant légal', value: `${fullName(pickPerson(random))}, président(e)`, optional: true },
    { section: identification, label: 'Contact pour ce dossier', value: fullName(contact) },
    { section: identification, label: 'Courriel du contact', value: emailOf(contact, companyDomain) },
    { section: identification, label: 'Téléphone du contact', value: pickPhone(random), optional: true },
    { section: projet, label: 'Intitulé du projet', value: title },
    { section: projet, label: 'Volet de l’appel à projets', value: `Volet ${volet} — ${VOLET_LABELS[volet]}` },
    { section: projet, label: 'Description synthétique', value: summary },
    { section: projet, label: 'Chaîne de valeur', value: industry.valueChain },
    { section: projet, label: 'Date prévisionnelle de début des travaux', value: frenchDate(plannedStart) },
    { section: projet, label: 'Date prévisionnelle de fin des travaux', value: frenchDate(plannedEnd) },
    { section: projet, label: 'Le projet a-t-il commencé ?', value: 'Non' },
    { section: localisation, label: 'Adresse du site', value: `${siteLine}, ${site.postalCode} ${site.name}` },
    { section: localisation, label: 'Commune du site (code INSEE)', value: `${site.name} (${site.insee})` },
    { section: localisation, label: 'Territoire d’industrie', value: territory.territoryName },
    { section: impacts, label: 'Émissions de gaz à effet de serre évitées (tCO2e/an)', value: String(random.int(50, 9000)), optional: volet !== 1 },
    { section: impacts, label: 'Économies d’énergie (MWh/an)', value: String(random.int(100, 25_000)), optional: true },
    { section: impacts, label: 'Emplois créés', value: String(random.int(0, 60)) },
    { section: impacts, label: 'Emplois maintenus', value: String(random.int(5, 400)), optional: true },
    { section: impacts, label: 'Consommation d’eau évitée (m³/an)', value: String(random.int(500, 400_000)), optional: theme.id !== 'eau' },
    { section: financement, label: 'Coût total du projet (HT)', value: formatEuros(finance.totalCents) },
    { section: financement, label: 'Dépenses éligibles (HT)', value: formatEuros(finance.eligibleBaseCents) },
    { section: financement, label: 'Montant de l’aide sollicitée', value: formatEuros(finance.amountRequestedCents) },
    { section: financement, label: 'Taux d’aide sollicité', value: `${rate} %`, optional: true },
    {
      section: financement,
      label: 'Autres financements publics',
      value: otherAid.length ? otherAid.map((f) => `${f.funder} : ${formatEuros(f.amountCents)}`).join(' ; ') : 'Aucun',
    },
    { section: engagements, label: 'Aides de minimis perçues sur les trois derniers exercices', value: formatEuros(random.chance(0.6) ? 0 : random.int(5, 250) * 100_000), optional: true },
    { section: engagements, label: 'Attestation sur l’honneur de l’exactitude des informations', value: 'Oui' },
    { section: engagements, label: 'Entreprise à jour de ses obligations fiscales et sociales', value: 'Oui' },
  ];
  const champs: Champ[] = drafts
    .filter((draft) => !draft.optional || random.chance(0.55))
    .slice(0, 30)
    .map(({ section, label, value }) => ({ section, label, value }));

  const pieces: Piece[] = pickPieces(random, catalogue, theme, ordinal).map((piece) => ({
    id: newId(),
    name: piece.name,
    kind: piece.kind,
    mimeType: piece.mimeType,
    sizeBytes: piece.sizeBytes,
    sha256: piece.sha256,
  }));

  const instructors = catalogue.instructorsByRegion.get(territory.regionCode) ?? [];
  const assignedInstructor = instructors.length && random.chance(0.85) ? random.pick(instructors) : null;
  const labelCount = random.weighted([[0, 60], [1, 28], [2, 12]] as const);

  return {
    id: newId(),
    number,
    state,
    demandeur: {
      siret,
      siren,
      raisonSociale,
      nafCode: industry.nafCode,
      nafLabel: industry.nafLabel,
      size,
      address: { line: head === site ? siteLine : pickStreetLine(random), postalCode: head.postalCode, communeInsee: head.insee, communeName: head.name },
    },
    projet: {
      title,
      summary,
      volet,
      valueChain: industry.valueChain,
      siteCommuneInsee: site.insee,
      siteCommuneName: site.name,
      ...territory,
      plannedStart,
      plannedEnd,
    },
    finance: {
      costLines: finance.costLines,
      eligibleBaseCents: finance.eligibleBaseCents,
      financingPlan: finance.financingPlan,
      amountRequestedCents: finance.amountRequestedCents,
    },
    champs,
    pieces,
    dates: {
      receivedAt: dates.receivedAt.toISOString(),
      arDate: dates.arDate,
      admissibilityNotifiedOn: dates.admissibilityNotifiedOn,
    },
    assignedInstructor,
    labels: random.sample(catalogue.labels, labelCount),
    updatedAt: dates.updatedAt.toISOString(),
  };
}

/** What dossiers are drawn from; the last `damagedCount` pool pieces are the damaged uploads. */
export function buildCatalogue(pieces: readonly PoolPiece[], damagedCount: number, random: Random, now: Date): DossierCatalogue {
  const intact = pieces.slice(0, pieces.length - damagedCount);
  const piecesByKind = new Map<PieceKind, PoolPiece[]>();
  const piecesByTheme = new Map<string, { devis: PoolPiece[]; dossier_technique: PoolPiece[] }>();
  for (const piece of intact) {
    piecesByKind.set(piece.kind, [...(piecesByKind.get(piece.kind) ?? []), piece]);
    if (piece.themeId && (piece.kind === 'devis' || piece.kind === 'dossier_technique')) {
      const ofTheme = piecesByTheme.get(piece.themeId) ?? { devis: [], dossier_technique: [] };
      ofTheme[piece.kind].push(piece);
      piecesByTheme.set(piece.themeId, ofTheme);
    }
  }
  const places = demoPlaces();
  const regionCodes = [...new Set(places.territories.map((t) => t.territory.regionCode))];
  return {
    places,
    piecesByKind,
    piecesByTheme,
    damagedPieces: pieces.slice(pieces.length - damagedCount),
    instructorsByRegion: demoInstructors(random, regionCodes),
    labels: DEMO_LABELS,
    now,
  };
}

/** Two to four instructors per region, at the DREAL or the DREETS. */
function demoInstructors(random: Random, regionCodes: readonly string[]): Map<string, Instructor[]> {
  const byRegion = new Map<string, Instructor[]>();
  for (const code of [...regionCodes].sort()) {
    byRegion.set(
      code,
      Array.from({ length: random.int(2, 4) }, () => {
        const person = pickPerson(random);
        const domain = random.chance(0.6) ? 'developpement-durable.gouv.fr' : 'dreets.gouv.fr';
        return { name: fullName(person), email: emailOf(person, domain) };
      }),
    );
  }
  return byRegion;
}
