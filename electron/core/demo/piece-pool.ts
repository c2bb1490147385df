/**
 * The pool of attached documents the demo draws from: quotes from equipment suppliers, company
 * extracts, financing plans and long technical files, written as PDFs with real French text.
 * Dossiers share these files; content addressing stores each once.
 */
import type { PieceKind } from '../../../shared/domain/dossier';
import { withLuhnKey } from '../../../shared/domain/siret';
import { DocumentWriter } from './pdf-writer';
import { fullName, pickCompanyName, pickPerson, pickStreetLine, slug } from './people';
import type { Random } from './random';
import { fill, THEMES, themeValues, type Theme } from './themes';

export interface PoolDocument {
  name: string;
  kind: PieceKind;
  mimeType: string;
  /** The theme a quote or technical file is about; null for documents that fit any project. */
  themeId: string | null;
  bytes: Uint8Array;
}

/** How many of each: about 200 files, one technical file of exactly 50 pages. */
export const POOL_SIZES = { devis: 120, extrait_kbis: 36, plan_financement: 30, dossier_technique: 14 } as const;
export const LONG_FILE_PAGES = 50;

const euroFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
function euros(cents: number): string {
  return `${euroFormat.format(cents / 100)} €`;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function frenchDate(date: Date): string {
  return dateFormat.format(date);
}

function documentDate(random: Random): Date {
  return new Date(Date.UTC(2024, 0, 1) + random.int(0, 900) * 86_400_000 + random.int(7, 17) * 3_600_000);
}


const CLIENT_TRADES = ['Mécanique', 'Plastiques', 'Fonderie', 'Cartonnerie', 'Verrerie', 'Textiles'] as const;
const CLIENT_TOWNS = ['Cholet', 'Oyonnax', 'Montbéliard', 'Figeac', 'Vitré', 'Thiers', 'Annonay', 'Saint-Dizier'] as const;

function fakeSiren(random: Random): string {
  // A SIREN is 8 digits and a Luhn key, the same rule as the SIRET's.
  return withLuhnKey(`${random.int(3, 9)}${random.digits(7)}`);
}

async function quote(random: Random, theme: Theme, index: number): Promise<PoolDocument> {
  const supplier = random.pick(theme.suppliers);
  const date = documentDate(random);
  const number = `D${date.getUTCFullYear()}-${String(random.int(100, 9999)).padStart(4, '0')}`;
  const clientTown = random.pick(CLIENT_TOWNS);
  const client = pickCompanyName(random, CLIENT_TRADES, clientTown);
  const values = themeValues(random, clientTown);
  const contact = pickPerson(random);
  const writer = await DocumentWriter.create({
    title: `Devis ${number}`,
    author: supplier.name,
    subject: `Devis ${number} — ${client}`,
    date,
    key: `devis-${index}`,
  });
  writer.line(supplier.name, { bold: true, size: 14 });
  writer.line(`${pickStreetLine(random)}, ${supplier.postalCode} ${supplier.town}`);
  writer.line(`SIRET ${withLuhnKey(fakeSiren(random) + random.digits(4))} — TVA FR${random.digits(2)}${fakeSiren(random)}`, { grey: true });
  writer.space(12);
  writer.line(`DEVIS N° ${number}`, { bold: true, size: 16 });
  writer.line(`Date : ${frenchDate(date)} — Validité de l’offre : 3 mois`);
  writer.space(6);
  writer.field('Client', `${client}, ${clientTown}`);
  writer.field('À l’attention de', `${fullName(contact)}, direction industrielle`);
  writer.field('Objet', fill(random.pick(theme.titles), values));
  writer.space(8);
  let totalCents = 0;
  const rows = theme.quoteItems.slice(0, random.int(3, theme.quoteItems.length)).map(([label, unit]) => {
    const perMeasure = unit === 'ml' || unit === 'm²' || unit === 'm³';
    const quantity = perMeasure ? random.int(20, 900) : unit === 'u' ? random.int(1, 3) : 1;
    const unitCents = (perMeasure ? random.int(40, 900) : Math.round(random.logBetween(3_000, 400_000))) * 100;
    totalCents += quantity * unitCents;
    return [fill(label, values), String(quantity), unit, euros(unitCents), euros(quantity * unitCents)];
  });
  writer.table(
    [
      { header: 'Désignation', width: 235 },
      { header: 'Qté', width: 32, align: 'right' },
      { header: 'Unité', width: 40 },
      { header: 'PU HT', width: 86, align: 'right' },
      { header: 'Total HT', width: 90, align: 'right' },
    ],
    rows,
  );
  const vat = Math.round(totalCents * 0.2);
  writer.field('Total HT', euros(totalCents));
  writer.field('TVA 20 %', euros(vat));
  writer.field('Total TTC', euros(totalCents + vat));
  writer.space(10);
  writer.heading('Conditions', 11);
  writer.paragraph(
    'Acompte de 30 % à la commande, 60 % à la livraison, solde à la mise en service. Délai de livraison : ' +
      `${random.int(8, 30)} semaines à compter de la commande. Garantie pièces et main-d’œuvre : ${random.int(1, 3)} an(s). ` +
      'Prix fermes et non révisables pendant la durée de validité de l’offre.',
  );
  writer.paragraph('Bon pour accord, date et signature du client précédées de la mention « lu et approuvé » :');
  return {
    name: `Devis ${slug(supplier.name.replace(/ (SAS|SA|SARL)$/, ''), '-')} ${number}.pdf`,
    kind: 'devis',
    mimeType: 'application/pdf',
    themeId: theme.id,
    bytes: await writer.finish(`${supplier.name} — Devis ${number}`),
  };
}

const COURTS = ['Lyon', 'Lille Métropole', 'Nantes', 'Bordeaux', 'Strasbourg', 'Rouen', 'Dijon', 'Grenoble', 'Toulouse', 'Reims'] as const;

async function companyExtract(random: Random, index: number): Promise<PoolDocument> {
  const court = random.pick(COURTS);
  const town = random.pick(CLIENT_TOWNS);
  const company = pickCompanyName(random, CLIENT_TRADES, town);
  const siren = fakeSiren(random);
  const date = documentDate(random);
  const president = pickPerson(random);
  const writer = await DocumentWriter.create({
    title: `Extrait Kbis — ${company}`,
    author: `Greffe du tribunal de commerce de ${court}`,
    subject: 'Extrait d’immatriculation principale au registre du commerce et des sociétés',
    date,
    key: `kbis-${index}`,
  });
  writer.line(`Greffe du tribunal de commerce de ${court}`, { bold: true, size: 12 });
  writer.line(`Code de vérification : ${random.digits(10)}`, { grey: true });
  writer.space(10);
  writer.line('EXTRAIT D’IMMATRICULATION PRINCIPALE AU REGISTRE DU COMMERCE ET DES SOCIÉTÉS', { bold: true, size: 11 });
  writer.line(`à jour au ${frenchDate(date)}`);
  writer.heading('IDENTIFICATION DE LA PERSONNE MORALE', 11);
  writer.field('Immatriculation au RCS, numéro', `${siren.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3')} R.C.S. ${court}`);
  writer.field('Date d’immatriculation', frenchDate(new Date(Date.UTC(random.int(1965, 2019), random.int(0, 11), random.int(1, 28)))));
  writer.field('Dénomination ou raison sociale', company);
  writer.field('Forme juridique', company.split(' ').pop() ?? 'SAS');
  writer.field('Capital social', euros(random.pick([10_000, 50_000, 150_000, 500_000, 1_200_000, 4_000_000]) * 100));
  writer.field('Adresse du siège', `${pickStreetLine(random)}, ${town}`);
  writer.field('Activités principales', random.pick([
    'Fabrication, transformation et négoce de produits industriels',
    'Usinage, mécanique de précision et assemblage de sous-ensembles',
    'Fabrication de pièces techniques par injection de matières plastiques',
    'Fonderie de métaux non ferreux et parachèvement',
  ]));
  writer.field('Durée de la personne morale', 'Jusqu’au ' + frenchDate(new Date(Date.UTC(2090 + random.int(0, 20), 0, 1))));
  writer.field('Date de clôture de l’exercice social', '31 décembre');
  writer.heading('GESTION, DIRECTION, ADMINISTRATION, CONTRÔLE, ASSOCIÉS OU MEMBRES', 11);
  writer.field('Président', fullName(president));
  writer.field('Commissaire aux comptes titulaire', `Cabinet ${random.pick(['Audit', 'Expertise', 'Conseil'])} ${pickPerson(random).lastName}`);
  writer.heading('RENSEIGNEMENTS RELATIFS À L’ACTIVITÉ ET À L’ÉTABLISSEMENT PRINCIPAL', 11);
  writer.field('Adresse de l’établissement', `${pickStreetLine(random)}, ${town}`);
  writer.field('Origine du fonds ou de l’activité', 'Création');
  writer.field('Mode d’exploitation', 'Exploitation directe');
  writer.space(10);
  writer.paragraph('Le greffier. Fin de l’extrait. Cet extrait est délivré pour servir et valoir ce que de droit.');
  return {
    name: `Kbis ${slug(company, '-')}.pdf`,
    kind: 'extrait_kbis',
    mimeType: 'application/pdf',
    themeId: null,
    bytes: await writer.finish(`Greffe du tribunal de commerce de ${court}`),
  };
}

async function financingPlan(random: Random, index: number): Promise<PoolDocument> {
  const theme = random.pick(THEMES);
  const town = random.pick(CLIENT_TOWNS);
  const company = pickCompanyName(random, CLIENT_TRADES, town);
  const values = themeValues(random, town);
  const date = documentDate(random);
  const lines = theme.costLines.map((line) => ({ ...line, cents: Math.round(line.weight * random.between(8_000, 40_000)) * 100 }));
  const total = lines.reduce((sum, line) => sum + line.cents, 0);
  const eligible = lines.filter((line) => line.eligible).reduce((sum, line) => sum + line.cents, 0);
  const requested = Math.floor((eligible * random.between(0.15, 0.35)) / 10_000) * 10_000;
  const region = Math.floor((eligible * random.between(0, 0.1)) / 10_000) * 10_000;
  const loan = Math.floor(((total - requested - region) * random.between(0.3, 0.7)) / 10_000) * 10_000;
  const own = total - requested - region - loan;
  const writer = await DocumentWriter.create({
    title: `Plan de financement — ${company}`,
    author: company,
    subject: fill(theme.titles[0]!, values),
    date,
    key: `plan-${index}`,
  });
  writer.line('PLAN DE FINANCEMENT PRÉVISIONNEL', { bold: true, size: 15 });
  writer.line(company, { bold: true });
  writer.line(`Projet : ${fill(theme.titles[0]!, values)}`);
  writer.line(`Établi le ${frenchDate(date)}`, { grey: true });
  writer.heading('Dépenses (€ HT)', 12);
  writer.table(
    [
      { header: 'Poste de dépense', width: 300 },
      { header: 'Éligible', width: 60 },
      { header: 'Montant HT', width: 120, align: 'right' },
    ],
    [...lines.map((line) => [fill(line.label, values), line.eligible ? 'oui' : 'non', euros(line.cents)]), ['Total des dépenses', '', euros(total)]],
  );
  writer.field('Dont dépenses éligibles', euros(eligible));
  writer.heading('Ressources', 12);
  writer.table(
    [
      { header: 'Financeur', width: 300 },
      { header: 'Part', width: 60, align: 'right' },
      { header: 'Montant', width: 120, align: 'right' },
    ],
    [
      ['Fonds vert — Territoires d’industrie (sollicité)', `${Math.round((requested / total) * 100)} %`, euros(requested)],
      ['Conseil régional', `${Math.round((region / total) * 100)} %`, euros(region)],
      ['Emprunt bancaire', `${Math.round((loan / total) * 100)} %`, euros(loan)],
      ['Autofinancement', `${Math.round((own / total) * 100)} %`, euros(own)],
      ['Total des ressources', '100 %', euros(total)],
    ],
  );
  writer.paragraph(
    'Le total des aides publiques n’excède pas le montant des dépenses éligibles. Le projet n’a reçu aucun commencement ' +
      'd’exécution avant le dépôt de la demande. Fait pour servir et valoir ce que de droit.',
  );
  return {
    name: `Plan de financement ${slug(company, '-')}.pdf`,
    kind: 'plan_financement',
    mimeType: 'application/pdf',
    themeId: null,
    bytes: await writer.finish(`${company} — Plan de financement`),
  };
}

const TECHNICAL_SECTIONS = [
  'Présentation de l’entreprise',
  'Contexte et objectifs du projet',
  'Description technique de la solution retenue',
  'Bilan énergétique et carbone avant/après',
  'Analyse des variantes étudiées',
  'Planning prévisionnel des travaux',
  'Organisation du chantier et sécurité',
  'Analyse des risques',
  'Indicateurs de suivi',
  'Relevés de consommation',
] as const;

const TECHNICAL_SENTENCES = [
  'Les mesures ont été réalisées sur une période de douze mois glissants, en conditions normales d’exploitation.',
  'La solution retenue présente le meilleur compromis entre coût d’investissement, performance et maintenabilité.',
  'Les équipements seront installés pendant l’arrêt technique estival afin de limiter l’impact sur la production.',
  'Un comptage dédié permettra de vérifier les gains annoncés et d’en rendre compte au financeur.',
  'Le dimensionnement tient compte de l’augmentation de l’activité prévue sur les cinq prochaines années.',
  'Les variantes écartées présentaient soit un coût d’exploitation supérieur, soit une dépendance accrue aux énergies fossiles.',
  'Le personnel de maintenance sera formé par le fournisseur avant la mise en service.',
  'Les déchets de chantier seront triés sur place et orientés vers des filières de valorisation.',
  'Le projet ne modifie pas le classement de l’installation au titre des installations classées pour la protection de l’environnement.',
  'La consommation spécifique, rapportée à la tonne produite, est l’indicateur principal de suivi.',
  'Les hypothèses de prix de l’énergie retenues sont celles du scénario central de l’étude.',
  'Le bureau d’études a vérifié la compatibilité des nouveaux équipements avec les réseaux existants.',
] as const;

const MONTHS = ['Janvier', 'Février', 'Mars', 'Avril', 'Mai', 'Juin', 'Juillet', 'Août', 'Septembre', 'Octobre', 'Novembre', 'Décembre'] as const;

async function technicalFile(random: Random, theme: Theme, pages: number, index: number): Promise<PoolDocument> {
  const town = random.pick(CLIENT_TOWNS);
  const company = pickCompanyName(random, CLIENT_TRADES, town);
  const values = themeValues(random, town);
  const title = fill(random.pick(theme.titles), values);
  const writer = await DocumentWriter.create({
    title: `Dossier technique — ${title}`,
    author: company,
    subject: title,
    date: documentDate(random),
    key: `technique-${index}`,
  });
  writer.line('DOSSIER TECHNIQUE', { bold: true, size: 18 });
  writer.line(title, { bold: true, size: 12 });
  writer.line(company);
  writer.space(12);
  // One section per page, filled to the bottom: the file has exactly `pages` pages.
  for (let page = 1; page <= pages; page++) {
    if (page > 1) writer.newPage();
    const heading = TECHNICAL_SECTIONS[(page - 1) % TECHNICAL_SECTIONS.length]!;
    writer.heading(`${page}. ${heading}`);
    writer.paragraph(theme.sentences.map((sentence) => fill(sentence, values)).join(' '));
    if (heading === 'Relevés de consommation' && writer.roomLeft > writer.tableHeight(MONTHS.length)) {
      writer.table(
        [
          { header: 'Mois', width: 120 },
          { header: 'Gaz (MWh)', width: 120, align: 'right' },
          { header: 'Électricité (MWh)', width: 120, align: 'right' },
          { header: 'tCO2e', width: 120, align: 'right' },
        ],
        MONTHS.map((month) => {
          const gas = random.int(80, 2400);
          return [month, String(gas), String(random.int(40, 900)), String(Math.round(gas * 0.227))];
        }),
      );
    }
    for (;;) {
      const text = random.sample(TECHNICAL_SENTENCES, 4).join(' ');
      if (writer.paragraphHeight(text) > writer.roomLeft) break;
      writer.paragraph(text);
    }
  }
  return {
    name: `Dossier technique ${theme.id} ${index + 1}.pdf`,
    kind: 'dossier_technique',
    mimeType: 'application/pdf',
    themeId: theme.id,
    bytes: await writer.finish(`${company} — Dossier technique`),
  };
}

export interface PoolProgress {
  done: number;
  total: number;
}

export async function generatePiecePool(random: Random, onProgress: (progress: PoolProgress) => void = () => {}): Promise<PoolDocument[]> {
  const total = POOL_SIZES.devis + POOL_SIZES.extrait_kbis + POOL_SIZES.plan_financement + POOL_SIZES.dossier_technique;
  const documents: PoolDocument[] = [];
  const add = (document: PoolDocument) => {
    documents.push(document);
    onProgress({ done: documents.length, total });
  };
  for (let i = 0; i < POOL_SIZES.devis; i++) add(await quote(random, THEMES[i % THEMES.length]!, i));
  for (let i = 0; i < POOL_SIZES.extrait_kbis; i++) add(await companyExtract(random, i));
  for (let i = 0; i < POOL_SIZES.plan_financement; i++) add(await financingPlan(random, i));
  for (let i = 0; i < POOL_SIZES.dossier_technique; i++) {
    const pages = i === 0 ? LONG_FILE_PAGES : random.int(6, 24);
    add(await technicalFile(random, THEMES[i % THEMES.length]!, pages, i));
  }
  return documents;
}
