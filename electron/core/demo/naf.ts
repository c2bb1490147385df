/** Industrial NAF codes (rév. 2) from @socialgouv/codes-naf: section C, with some D (energy) and E (waste, water). */
import codesNaf from '@socialgouv/codes-naf';
import type { Random } from './random';

export interface Industry {
  nafCode: string;
  nafLabel: string;
  division: number;
  /** The value chain the programme files the project under. */
  valueChain: string;
  /** A word that fits in a company name of this trade. */
  tradeWords: readonly string[];
}

const VALUE_CHAINS: ReadonlyArray<[number, number, string, readonly string[]]> = [
  [10, 12, 'Agroalimentaire', ['Conserverie', 'Laiterie', 'Salaisons', 'Biscuiterie', 'Minoterie']],
  [13, 15, 'Textile, habillement et cuir', ['Tissages', 'Textiles', 'Maroquinerie', 'Filature']],
  [16, 16, 'Bois et ameublement', ['Scierie', 'Menuiserie industrielle', 'Bois']],
  [17, 18, 'Papier, carton et imprimerie', ['Cartonnerie', 'Papeterie', 'Emballages']],
  [19, 21, 'Chimie et pharmacie', ['Chimie', 'Laboratoires', 'Résines']],
  [22, 22, 'Plasturgie et caoutchouc', ['Plastiques', 'Plasturgie', 'Injection']],
  [23, 23, 'Verre, céramique et matériaux de construction', ['Verrerie', 'Céramiques', 'Bétons', 'Tuilerie']],
  [24, 24, 'Métallurgie', ['Fonderie', 'Aciéries', 'Forges']],
  [25, 25, 'Travail des métaux', ['Mécanique', 'Chaudronnerie', 'Décolletage', 'Tôlerie']],
  [26, 27, 'Électronique et équipements électriques', ['Électronique', 'Électrotechnique', 'Câblages']],
  [28, 28, 'Machines et équipements', ['Machines', 'Équipements', 'Automatismes']],
  [29, 30, 'Automobile, ferroviaire et aéronautique', ['Équipements automobiles', 'Aéro', 'Ferroviaire']],
  [31, 33, 'Ameublement, autres industries et maintenance', ['Ameublement', 'Maintenance industrielle', 'Instruments']],
  [35, 35, 'Énergie', ['Énergies', 'Réseaux de chaleur', 'Biogaz']],
  [36, 39, 'Eau, déchets et recyclage', ['Recyclage', 'Valorisation', 'Environnement']],
];

function chainOf(division: number): [string, readonly string[]] | null {
  const entry = VALUE_CHAINS.find(([from, to]) => division >= from && division <= to);
  return entry ? [entry[2], entry[3]] : null;
}

let cached: { manufacturing: Industry[]; utilities: Industry[] } | null = null;

function industries(): { manufacturing: Industry[]; utilities: Industry[] } {
  if (cached) return cached;
  const manufacturing: Industry[] = [];
  const utilities: Industry[] = [];
  for (const { id, label } of codesNaf) {
    if (!/^\d{2}\.\d{2}[A-Z]$/.test(id)) continue; // sub-classes only: 25.62B, not 25.6
    const division = Number(id.slice(0, 2));
    const chain = chainOf(division);
    if (!chain) continue;
    const industry: Industry = { nafCode: id, nafLabel: label, division, valueChain: chain[0], tradeWords: chain[1] };
    (division <= 33 ? manufacturing : utilities).push(industry);
  }
  cached = { manufacturing, utilities };
  return cached;
}

export function pickIndustry(random: Random): Industry {
  const { manufacturing, utilities } = industries();
  return random.pick(random.chance(0.9) ? manufacturing : utilities);
}
