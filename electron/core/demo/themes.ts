/**
 * What the demo's projects are about, by volet of the programme: 1 decarbonising processes,
 * 2 relocating and modernising production, 3 saving resources and circular economy. Each theme
 * gives titles, sentences for the summary, the cost lines of its budget and the suppliers that
 * quote for it. `{…}` marks a value filled in per project.
 */
import type { Volet } from '../../../shared/domain/dossier';
import type { Random } from './random';

export const VOLET_LABELS: Record<Volet, string> = {
  1: 'Décarbonation des procédés industriels',
  2: 'Relocalisation et modernisation de l’outil de production',
  3: 'Sobriété en ressources et économie circulaire',
};

export interface CostLineTemplate {
  label: string;
  /** Relative weight of the line in the budget. */
  weight: number;
  eligible: boolean;
}

export interface Supplier {
  name: string;
  town: string;
  postalCode: string;
}

export interface Theme {
  id: string;
  volet: Volet;
  titles: readonly string[];
  sentences: readonly string[];
  costLines: readonly CostLineTemplate[];
  suppliers: readonly Supplier[];
  /** What a quote for this theme sells, line by line (label, unit). */
  quoteItems: ReadonlyArray<readonly [string, string]>;
}

const COMMON_LINES: readonly CostLineTemplate[] = [
  { label: 'Études d’ingénierie et maîtrise d’œuvre', weight: 8, eligible: true },
  { label: 'Installation, raccordements et mise en service', weight: 10, eligible: true },
  { label: 'Formation des opérateurs', weight: 2, eligible: false },
  { label: 'Frais de dossier et d’assistance administrative', weight: 1, eligible: false },
  { label: 'Provision pour aléas', weight: 4, eligible: false },
];

export const THEMES: readonly Theme[] = [
  {
    id: 'biomasse',
    volet: 1,
    titles: [
      'Remplacement de la chaudière gaz par une chaudière biomasse de {power} MW',
      'Production de vapeur par une chaufferie bois de {power} MW sur le site de {town}',
    ],
    sentences: [
      'La chaudière gaz actuelle, installée il y a plus de vingt ans, fournit la vapeur des lignes de production.',
      'Le projet la remplace par une chaudière biomasse alimentée en plaquettes forestières issues de moins de 100 km.',
      'L’installation couvrira {share} % des besoins thermiques du site et évitera {co2} tonnes de CO2 par an.',
      'Un silo de stockage de {days} jours d’autonomie et un filtre à manches sont prévus.',
    ],
    costLines: [
      { label: 'Chaudière biomasse {power} MW (fourniture)', weight: 40, eligible: true },
      { label: 'Silo de stockage et convoyage des plaquettes', weight: 14, eligible: true },
      { label: 'Traitement des fumées (filtre à manches)', weight: 9, eligible: true },
      { label: 'Génie civil et bâtiment de chaufferie', weight: 15, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [
      { name: 'Thermibois Industrie SAS', town: 'Épinal', postalCode: '88000' },
      { name: 'Compte-Énergies Bois SA', town: 'Besançon', postalCode: '25000' },
      { name: 'Chaufferies du Centre SARL', town: 'Vierzon', postalCode: '18100' },
    ],
    quoteItems: [
      ['Chaudière biomasse à grille mobile {power} MW', 'u'],
      ['Silo de stockage à fond mouvant', 'u'],
      ['Convoyeur à vis et dessileur', 'ens'],
      ['Filtre à manches et cheminée', 'ens'],
      ['Régulation et supervision', 'ens'],
      ['Montage, essais et mise en service', 'forfait'],
    ],
  },
  {
    id: 'chaleur-fatale',
    volet: 1,
    titles: [
      'Récupération de la chaleur fatale des fours pour le préchauffage des bains',
      'Valorisation de la chaleur fatale des compresseurs d’air à {town}',
    ],
    sentences: [
      'Les fumées des fours sortent aujourd’hui à plus de 350 °C sans être valorisées.',
      'Un échangeur récupère cette chaleur et alimente une boucle d’eau chaude desservant les bains et les bâtiments.',
      'Le gain attendu est de {mwh} MWh de gaz par an, soit {co2} tonnes de CO2 évitées.',
      'Le retour sur investissement sans aide dépasse huit ans, ce qui justifie la demande.',
    ],
    costLines: [
      { label: 'Échangeurs fumées/eau et by-pass', weight: 30, eligible: true },
      { label: 'Boucle d’eau chaude et ballons de stockage', weight: 20, eligible: true },
      { label: 'Instrumentation et comptage d’énergie', weight: 6, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [
      { name: 'Échangeurs Thermiques de l’Ouest SAS', town: 'Cholet', postalCode: '49300' },
      { name: 'Récupéra Énergie SARL', town: 'Valenciennes', postalCode: '59300' },
    ],
    quoteItems: [
      ['Échangeur tubulaire fumées/eau en inox 316L', 'u'],
      ['Ballon de stockage 20 m³ calorifugé', 'u'],
      ['Pompes de circulation à vitesse variable', 'u'],
      ['Tuyauterie acier calorifugée', 'ml'],
      ['Compteurs d’énergie thermique', 'u'],
    ],
  },
  {
    id: 'electrification',
    volet: 1,
    titles: [
      'Électrification du four de traitement thermique',
      'Remplacement des fours gaz par des fours à induction',
      'Installation d’une pompe à chaleur haute température de {power} MW',
    ],
    sentences: [
      'Le procédé de chauffe repose aujourd’hui entièrement sur le gaz naturel.',
      'Le projet remplace ce poste par un équipement électrique alimenté par un contrat d’électricité bas carbone.',
      'Le raccordement nécessite le renforcement du poste de livraison HTA.',
      'Les émissions directes du site baissent de {share} %, soit {co2} tonnes de CO2 par an.',
    ],
    costLines: [
      { label: 'Four électrique / pompe à chaleur (fourniture)', weight: 45, eligible: true },
      { label: 'Renforcement du poste de livraison HTA', weight: 15, eligible: true },
      { label: 'Dépose et évacuation des équipements gaz', weight: 5, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [
      { name: 'Induction Process SAS', town: 'Grenoble', postalCode: '38000' },
      { name: 'Fours Électriques du Rhône SA', town: 'Vénissieux', postalCode: '69200' },
      { name: 'Thermo Pompes Industrie SAS', town: 'Nantes', postalCode: '44000' },
    ],
    quoteItems: [
      ['Générateur à induction {power} MW', 'u'],
      ['Inducteurs et bobines sur mesure', 'ens'],
      ['Groupe de refroidissement', 'u'],
      ['Transformateur HTA/BT 2 500 kVA', 'u'],
      ['Cellules HTA et protections', 'ens'],
      ['Mise en service et réglages', 'forfait'],
    ],
  },
  {
    id: 'solaire-autoconsommation',
    volet: 1,
    titles: ['Centrale photovoltaïque en autoconsommation de {kwc} kWc sur les toitures de l’usine'],
    sentences: [
      'Les toitures des bâtiments de production offrent une surface libre importante.',
      'La centrale couvrira une part de la consommation électrique diurne des machines.',
      'L’électricité produite est entièrement autoconsommée ; aucun surplus n’est revendu.',
    ],
    costLines: [
      { label: 'Modules et onduleurs ({kwc} kWc)', weight: 45, eligible: true },
      { label: 'Renforcement de charpente', weight: 20, eligible: true },
      { label: 'Système de pilotage de l’autoconsommation', weight: 6, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [{ name: 'Soleil Industrie Toitures SAS', town: 'Montpellier', postalCode: '34000' }],
    quoteItems: [
      ['Modules photovoltaïques 420 Wc', 'u'],
      ['Onduleurs triphasés 100 kW', 'u'],
      ['Structure de fixation bac acier', 'ens'],
      ['Câblage et protections', 'ens'],
    ],
  },
  {
    id: 'ligne-production',
    volet: 2,
    titles: [
      'Nouvelle ligne de production automatisée à {town}',
      'Relocalisation de la fabrication de {product} depuis l’Asie',
      'Extension de l’atelier de {product} et création de {jobs} emplois',
    ],
    sentences: [
      'L’entreprise fait aujourd’hui fabriquer une partie de ses {product} hors d’Europe.',
      'Le projet rapatrie cette production sur le site de {town} grâce à une ligne automatisée.',
      'Il crée {jobs} emplois directs et sécurise l’approvisionnement de clients industriels français.',
      'La ligne est dimensionnée pour {capacity} pièces par an en deux équipes.',
    ],
    costLines: [
      { label: 'Machines de production (fourniture)', weight: 45, eligible: true },
      { label: 'Robots et cellules d’automatisation', weight: 20, eligible: true },
      { label: 'Aménagement du bâtiment', weight: 12, eligible: true },
      { label: 'Chariots élévateurs', weight: 3, eligible: false },
      ...COMMON_LINES,
    ],
    suppliers: [
      { name: 'Automatismes Lorrains SAS', town: 'Metz', postalCode: '57000' },
      { name: 'Robotique Industrielle de Bretagne SARL', town: 'Lorient', postalCode: '56100' },
      { name: 'Machines-Outils du Jura SA', town: 'Oyonnax', postalCode: '01100' },
    ],
    quoteItems: [
      ['Centre d’usinage 5 axes', 'u'],
      ['Robot 6 axes avec préhenseur', 'u'],
      ['Convoyeurs et tables de transfert', 'ens'],
      ['Système de vision et contrôle qualité', 'ens'],
      ['Intégration et programmation de la cellule', 'forfait'],
    ],
  },
  {
    id: 'modernisation',
    volet: 2,
    titles: [
      'Modernisation de l’outil de production de {product}',
      'Numérisation et pilotage de la production de l’usine de {town}',
    ],
    sentences: [
      'Le parc machines a en moyenne plus de vingt-cinq ans et limite la qualité et la cadence.',
      'Le remplacement des équipements les plus anciens réduit les rebuts et la consommation d’énergie.',
      'Un système de suivi de production en temps réel accompagne les nouvelles machines.',
      'Le projet maintient {jobsKept} emplois et en crée {jobs}.',
    ],
    costLines: [
      { label: 'Presses et machines de formage', weight: 40, eligible: true },
      { label: 'Système de suivi de production (MES)', weight: 10, eligible: true },
      { label: 'Capteurs et réseau industriel', weight: 6, eligible: true },
      { label: 'Mobilier et informatique de bureau', weight: 2, eligible: false },
      ...COMMON_LINES,
    ],
    suppliers: [
      { name: 'Presses et Formage SAS', town: 'Saint-Étienne', postalCode: '42000' },
      { name: 'Digital Usine SARL', town: 'Toulouse', postalCode: '31000' },
    ],
    quoteItems: [
      ['Presse hydraulique 400 t', 'u'],
      ['Outillages et changement rapide d’outils', 'ens'],
      ['Logiciel MES, licences et paramétrage', 'forfait'],
      ['Capteurs IoT et passerelles', 'u'],
    ],
  },
  {
    id: 'recyclage',
    volet: 3,
    titles: [
      'Unité de recyclage des chutes de {material}',
      'Réintégration des rebuts de {material} dans le procédé',
    ],
    sentences: [
      'Le site produit chaque année {tonnes} tonnes de chutes de {material} aujourd’hui enfouies ou expédiées loin.',
      'Une unité de broyage et de régénération permet de les réintroduire dans la production.',
      'La consommation de matière vierge baisse d’environ {share} %.',
    ],
    costLines: [
      { label: 'Broyeur et séparateur', weight: 35, eligible: true },
      { label: 'Ligne de régénération', weight: 30, eligible: true },
      { label: 'Stockage et manutention des matières', weight: 8, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [
      { name: 'Recycl’Tech Équipements SAS', town: 'Lyon', postalCode: '69007' },
      { name: 'Broyeurs Normands SA', town: 'Évreux', postalCode: '27000' },
    ],
    quoteItems: [
      ['Broyeur à couteaux 75 kW', 'u'],
      ['Séparateur magnétique et courants de Foucault', 'u'],
      ['Extrudeuse de régénération', 'u'],
      ['Silos et trémies', 'ens'],
    ],
  },
  {
    id: 'eau',
    volet: 3,
    titles: [
      'Réduction et recyclage de l’eau de procédé',
      'Station de traitement et de réutilisation des eaux industrielles à {town}',
    ],
    sentences: [
      'Le procédé consomme {water} m³ d’eau par an, prélevés dans une nappe en tension.',
      'Une station de traitement permet de réutiliser les eaux de rinçage en circuit fermé.',
      'Les prélèvements baissent de {share} % et les rejets sont mis en conformité.',
    ],
    costLines: [
      { label: 'Station de traitement par membranes', weight: 40, eligible: true },
      { label: 'Bassins tampons et réseaux', weight: 18, eligible: true },
      { label: 'Comptage et supervision des consommations d’eau', weight: 5, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [{ name: 'Hydro Process Environnement SAS', town: 'Rennes', postalCode: '35000' }],
    quoteItems: [
      ['Unité d’ultrafiltration', 'u'],
      ['Osmoseur inverse', 'u'],
      ['Bassin tampon 200 m³', 'u'],
      ['Automate et supervision', 'ens'],
    ],
  },
  {
    id: 'friche',
    volet: 3,
    titles: ['Reconversion d’une friche industrielle à {town} pour l’extension du site'],
    sentences: [
      'Plutôt que d’artificialiser de nouvelles terres, l’entreprise reprend une friche voisine de son usine.',
      'Les travaux comprennent la dépollution, la déconstruction sélective et la réhabilitation du bâtiment.',
      'Les matériaux de déconstruction sont triés et réemployés à {share} %.',
    ],
    costLines: [
      { label: 'Diagnostic et dépollution des sols', weight: 25, eligible: true },
      { label: 'Déconstruction sélective', weight: 20, eligible: true },
      { label: 'Réhabilitation du bâtiment', weight: 35, eligible: true },
      ...COMMON_LINES,
    ],
    suppliers: [{ name: 'Sols et Friches Ingénierie SAS', town: 'Lens', postalCode: '62300' }],
    quoteItems: [
      ['Diagnostic de pollution des sols', 'forfait'],
      ['Excavation et traitement des terres', 'm³'],
      ['Désamiantage', 'm²'],
      ['Réfection de toiture', 'm²'],
    ],
  },
];

const PRODUCTS = [
  'pièces de fonderie', 'composants électroniques', 'emballages en carton', 'pièces usinées', 'moteurs électriques',
  'profilés aluminium', 'flacons en verre', 'pièces plastiques injectées', 'vannes industrielles', 'roulements',
] as const;

const MATERIALS = ['plastique', 'aluminium', 'acier', 'verre', 'bois', 'carton', 'textile'] as const;

export function themesOfVolet(volet: Volet): Theme[] {
  return THEMES.filter((theme) => theme.volet === volet);
}

// One formatter for all: building an Intl formatter per call would dominate the demo's run time.
const frenchNumber = new Intl.NumberFormat('fr-FR');

/** Values for the `{…}` of a project's texts, drawn for one project near `town`. */
export function themeValues(random: Random, town: string): Record<string, string | number> {
  return {
    power: frenchNumber.format(random.pick([0.8, 1.2, 1.5, 2, 3, 4.5])),
    kwc: random.pick([250, 400, 500, 800, 1200]),
    town,
    product: random.pick(PRODUCTS),
    material: random.pick(MATERIALS),
    share: random.int(15, 70),
    co2: frenchNumber.format(random.int(120, 9000)),
    mwh: frenchNumber.format(random.int(400, 25_000)),
    days: random.int(3, 10),
    jobs: random.int(3, 60),
    jobsKept: random.int(20, 400),
    capacity: frenchNumber.format(random.int(5, 300) * 1000),
    tonnes: frenchNumber.format(random.int(80, 6000)),
    water: frenchNumber.format(random.int(8, 400) * 1000),
  };
}

/** Replaces each `{name}` by its value. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
