/**
 * A new act's content, from what Relais knows of the dossier: its applicant and project, its
 * dates, the pieces it lacks, its evaluation (a refusal's reasons of fact) and its instruction
 * facts (the State-aid regime gives the attribution's basis and ceiling rate; the advance asked
 * for). The instructor then edits what the law leaves open.
 */
import { addDays, addMonths, parisDate, type IsoDate } from '../../../shared/domain/dates';
import { ADMISSIBILITY_DELAY_MONTHS, INSTRUCTION_DELAY_MONTHS } from '../../../shared/domain/deadlines';
import type { DecisionContent, DecisionContentOf, DecisionDossier, DecisionType } from '../../../shared/domain/decision';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { AidRegime, InstructionFacts } from '../../../shared/domain/instruction';
import { PIECE_NAMES_FR } from '../../../shared/domain/message';
import { DE_MINIMIS_CEILING_CENTS, MAX_INTENSITY_PERCENT, priorAidWithinPeriod } from '../../../shared/rules/checks/aid-intensity';
import { missingPieceKinds } from '../../../shared/rules/checks/required-pieces';
import type { CoreContext } from '../context';
import { evaluationView } from '../evaluation/read';
import { instructionFactsOf, storedDossier } from '../instruction/facts';
import { authorityOf } from './authority';
import { loadDecisionTemplate } from './templates';

/** The days a request for pieces gives the applicant to answer. */
export const ANSWER_DAYS = 30;

const TYPE_CODES: Record<DecisionType, string> = {
  'accuse-reception': 'AR',
  'demande-pieces': 'DP',
  attribution: 'ATT',
  refus: 'REF',
  'sans-suite': 'CSS',
};

/** TI-<year>-<dossier number>-<type code>, e.g. TI-2026-1042-ATT. */
export function decisionReference(today: IsoDate, dossierNumber: number, type: DecisionType): string {
  return `TI-${today.slice(0, 4)}-${dossierNumber}-${TYPE_CODES[type]}`;
}

/** What every act carries, whatever its type. */
type Common = Omit<DecisionContentOf<'refus'>, 'type' | 'reasonsOfLaw' | 'reasonsOfFact'>;

function decisionDossier(dossier: DossierImport): DecisionDossier {
  const { demandeur, projet } = dossier;
  return {
    number: dossier.number,
    company: demandeur.raisonSociale,
    siret: demandeur.siret,
    address: [demandeur.address.line, `${demandeur.address.postalCode} ${demandeur.address.communeName}`],
    projectTitle: projet.title,
    regionCode: projet.regionCode,
  };
}

/** The highest rate the regime allows this company, in % of the eligible base; null when no ceiling is known. */
function maxRatePercent(regime: AidRegime | null, dossier: DossierImport, today: IsoDate): number | null {
  const { size } = dossier.demandeur;
  const base = dossier.finance.eligibleBaseCents;
  if (!regime) return null;
  switch (regime.kind) {
    case 'de_minimis': {
      // The ceiling is an amount: what is left of it over the three rolling years, as a share of the base.
      const leftCents = Math.max(0, DE_MINIMIS_CEILING_CENTS - priorAidWithinPeriod(regime.priorAids ?? [], today));
      return base === 0 ? 0 : Math.min(100, (leftCents * 100) / base);
    }
    case 'gber_art17':
      return MAX_INTENSITY_PERCENT.gber_art17[size] ?? 0;
    case 'regional':
      if (regime.zone === 'non_zoned') return 0;
      return MAX_INTENSITY_PERCENT[regime.zone === 'a' ? 'regional_a' : 'regional_c'][size] ?? 0;
  }
}

/**
 * The rate in basis points and the amount it gives: the request's share of the base, capped at
 * the regime's ceiling, rounded down so that the amount is exactly rate × base (never above either).
 */
export function attributionFigures(requestedCents: number, baseCents: number, maxPercent: number | null): { rateBasisPoints: number; amountCents: number } {
  if (baseCents === 0) return { rateBasisPoints: 1, amountCents: 0 };
  const requestedBasisPoints = Math.floor((requestedCents * 10_000) / baseCents);
  const ceilingBasisPoints = maxPercent === null ? 10_000 : Math.floor(maxPercent * 100);
  const rateBasisPoints = Math.max(1, Math.min(10_000, requestedBasisPoints, ceilingBasisPoints));
  return { rateBasisPoints, amountCents: Math.floor((baseCents * rateBasisPoints) / 10_000) };
}

function attribution(dossier: DossierImport, facts: InstructionFacts, today: IsoDate): Omit<DecisionContentOf<'attribution'>, keyof Common> {
  const defaults = loadDecisionTemplate('attribution').defaults ?? {};
  const { finance, projet } = dossier;
  const figures = attributionFigures(finance.amountRequestedCents, finance.eligibleBaseCents, maxRatePercent(facts.regime, dossier, today));
  const bases = defaults.stateAidBasis;
  return {
    type: 'attribution',
    eligibleExpenditureCents: finance.eligibleBaseCents,
    ...figures,
    stateAidBasis: bases ? (facts.regime ? bases[facts.regime.kind] : bases.unknown) : '',
    extraVisas: [],
    worksStartOn: projet.plannedStart,
    completionOn: projet.plannedEnd,
    payment: {
      advanceCents: facts.advance?.amountCents ?? 0,
      bankGuarantee: facts.advance?.bankGuarantee ?? false,
      instalments: defaults.instalments ?? '',
      balance: defaults.balance ?? '',
    },
    repayment: defaults.repayment ?? '',
  };
}

/** The criteria the instructor found not met, with their comments: a refusal's reasons of fact to start from. */
function reasonsOfFact(ctx: CoreContext, dossierId: string): string {
  const { programme, criteria } = evaluationView(ctx, dossierId);
  return criteria
    .filter((criterion) => criterion.status === 'not_met')
    .map((criterion) => {
      const label = programme.criteria.find((candidate) => candidate.id === criterion.criterionId)?.label.fr ?? criterion.criterionId;
      const comment = criterion.comment.trim();
      return `Le critère « ${label} » n’est pas rempli${comment ? ` : ${comment}` : '.'}`;
    })
    .join('\n');
}

export function prefillDecision(ctx: CoreContext, dossierId: string, type: DecisionType): DecisionContent {
  const { seq, dossier } = storedDossier(ctx.db, dossierId);
  const facts = instructionFactsOf(ctx.db, seq);
  const today = parisDate(ctx.clock());
  const authority = authorityOf(dossier.projet.regionCode);
  const common: Common = {
    dossier: decisionDossier(dossier),
    reference: decisionReference(today, dossier.number, type),
    date: today,
    authority: authority.heading,
    signatory: authority.signatory,
    remarks: '',
  };
  const receivedOn = parisDate(dossier.dates.receivedAt);
  switch (type) {
    case 'accuse-reception':
      return {
        type,
        ...common,
        receivedOn,
        admissibilityDue: addMonths(receivedOn, ADMISSIBILITY_DELAY_MONTHS),
        instructionMonths: INSTRUCTION_DELAY_MONTHS,
      };
    case 'demande-pieces':
      return {
        type,
        ...common,
        missingPieces: missingPieceKinds(dossier.pieces).map((kind) => PIECE_NAMES_FR[kind]),
        answerBy: addDays(today, ANSWER_DAYS),
      };
    case 'attribution':
      return { ...common, ...attribution(dossier, facts, today) };
    case 'refus':
      return {
        type,
        ...common,
        reasonsOfLaw: loadDecisionTemplate('refus').defaults?.reasonsOfLaw ?? '',
        reasonsOfFact: reasonsOfFact(ctx, dossierId),
      };
    case 'sans-suite':
      return { type, ...common, reason: '' };
  }
}
