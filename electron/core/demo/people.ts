/** Names of people and firms for the demo: common French first names and surnames, fictional firms. */
import type { Random } from './random';

const FIRST_NAMES = [
  'Camille', 'Nicolas', 'Julie', 'Thomas', 'Sophie', 'Pierre', 'Isabelle', 'Laurent', 'Nathalie', 'Olivier',
  'Claire', 'Stéphane', 'Émilie', 'Julien', 'Aurélie', 'François', 'Céline', 'Sébastien', 'Hélène', 'Mathieu',
  'Sandrine', 'Antoine', 'Valérie', 'Guillaume', 'Anne', 'Christophe', 'Marion', 'Frédéric', 'Élodie', 'Jérôme',
  'Karine', 'Benoît', 'Agnès', 'Yannick', 'Lucie', 'Hervé', 'Pauline', 'Damien', 'Léa', 'Fabrice',
] as const;

const SURNAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
  'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier',
] as const;

const LEGAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['SAS', 50],
  ['SARL', 24],
  ['SA', 12],
  ['SASU', 9],
  ['SCOP', 5],
];

const STREET_KINDS = ['rue', 'avenue', 'chemin', 'route', 'boulevard', 'allée', 'impasse'] as const;
const STREET_NAMES = [
  "de l'Industrie", 'des Forges', 'du Moulin', 'de la Gare', 'Jean Jaurès', 'des Artisans', 'Pasteur',
  'du Stade', 'des Usines', 'de la Filature', 'Gustave Eiffel', 'du Canal', 'des Tanneries', 'Ampère',
  'Marie Curie', 'des Peupliers', 'de la Verrerie', 'Denis Papin', 'du Port', 'des Papeteries',
] as const;
const INDUSTRIAL_ZONES = ['ZI des Grands Champs', 'ZA du Pré Long', 'Parc d’activités des Portes', 'ZI Nord', 'ZAE de la Plaine'] as const;

export interface Person {
  firstName: string;
  lastName: string;
}

export function pickPerson(random: Random): Person {
  return { firstName: random.pick(FIRST_NAMES), lastName: random.pick(SURNAMES) };
}

export function fullName(person: Person): string {
  return `${person.firstName} ${person.lastName}`;
}

/** ASCII and dots, as e-mail local parts and domains are written. */
export function slug(text: string, separator = '.'): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

export function emailOf(person: Person, domain: string): string {
  return `${slug(person.firstName)}.${slug(person.lastName)}@${domain}`;
}

export function pickStreetLine(random: Random): string {
  if (random.chance(0.2)) return `${random.int(1, 40)} ${random.pick(INDUSTRIAL_ZONES)}`;
  const number = random.int(1, 180);
  const suffix = random.chance(0.08) ? ' bis' : '';
  return `${number}${suffix} ${random.pick(STREET_KINDS)} ${random.pick(STREET_NAMES)}`;
}

export function pickPhone(random: Random): string {
  const pairs = Array.from({ length: 4 }, () => random.digits(2)).join(' ');
  return `0${random.int(1, 5)} ${pairs}`;
}

/** "de Lyon", "d’Évreux", "du Creusot", "des Andelys": French elides and contracts before a town name. */
function ofTown(town: string): string {
  if (town.startsWith('Le ')) return `du ${town.slice(3)}`;
  if (town.startsWith('Les ')) return `des ${town.slice(4)}`;
  if (/^[AEIOUYÉÈÊÎÔÂH]/i.test(town.normalize('NFC'))) return `d’${town}`;
  return `de ${town}`;
}

const ACRONYM_LETTERS = 'ABCDEFGHIJKLMNOPRSTV';

/** A plausible firm name for a trade ("Chaudronnerie Lefebvre", "Forges de Hayange", "MTP Plastiques"). */
export function pickCompanyName(random: Random, tradeWords: readonly string[], townName: string): string {
  const trade = random.pick(tradeWords);
  const surname = random.pick(SURNAMES);
  const form = random.weighted(LEGAL_FORMS);
  const pattern = random.int(0, 5);
  const acronym = Array.from({ length: random.int(2, 4) }, () => random.pick([...ACRONYM_LETTERS])).join('');
  const names = [
    `${trade} ${surname}`,
    `${surname} ${trade}`,
    `${trade} ${ofTown(townName)}`,
    `${acronym} ${trade}`,
    `Établissements ${surname} et Fils`,
    `${surname}-${random.pick(SURNAMES)} Industries`,
  ];
  return `${names[pattern]} ${form}`;
}
