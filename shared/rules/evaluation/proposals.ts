/**
 * What the dossier's own data says about some criteria: the industrial activity of the applicant
 * (NAF code), the site's commune and its Territoire d'industrie, the planned start of works
 * against the receipt (décret 2018-514 art. 5), and the jobs declared. A proposal is offered to
 * the instructor, who decides.
 */
import { parisDate } from '../../domain/dates';
import type { DossierImport } from '../../domain/dossier';
import type { Proposal } from '../../domain/evaluation';
import type { ProposalRule } from '../../domain/programme';
import type { SiteTerritory } from '../../domain/territory';

export interface ProposalFacts {
  dossier: DossierImport;
  /** The Territoire d'industrie of the site's commune in the reference tables; null when it is in none. */
  siteTerritory: SiteTerritory | null;
}

/** Industry as INSEE counts it: NAF sections B to E (mining, manufacturing, energy, water and waste). */
const INDUSTRIAL_NAF_DIVISIONS = { from: 5, to: 39 } as const;

/** The DS form's fields for jobs, as the programme's form labels them. */
export const JOBS_CREATED_FIELD = 'Emplois créés';
export const JOBS_KEPT_FIELD = 'Emplois maintenus';

function industrialActivity({ dossier }: ProposalFacts): Proposal {
  const { nafCode, nafLabel } = dossier.demandeur;
  const division = Number(nafCode.slice(0, 2));
  const industrial = division >= INDUSTRIAL_NAF_DIVISIONS.from && division <= INDUSTRIAL_NAF_DIVISIONS.to;
  return { status: industrial ? 'met' : 'not_met', reason: industrial ? 'industrial_naf' : 'non_industrial_naf', nafCode, nafLabel };
}

function siteInTerritory({ dossier, siteTerritory }: ProposalFacts): Proposal {
  const commune = dossier.projet.siteCommuneName;
  const insee = dossier.projet.siteCommuneInsee;
  if (!siteTerritory) return { status: 'not_met', reason: 'commune_outside', commune, insee };
  return { status: 'met', reason: 'commune_in_territory', commune, insee, territory: siteTerritory.territoryName };
}

function worksStart({ dossier }: ProposalFacts): Proposal {
  const startOn = dossier.projet.plannedStart;
  // The receipt's Paris calendar date: works starting that same day start after the request arrived.
  const receivedOn = parisDate(dossier.dates.receivedAt);
  const early = startOn < receivedOn;
  return { status: early ? 'not_met' : 'met', reason: early ? 'start_before_receipt' : 'start_after_receipt', startOn, receivedOn };
}

/** A whole number of jobs as the applicant typed it ("12", "12 ETP"), or null when absent or unreadable. */
function declaredCount(dossier: DossierImport, label: string): number | null {
  const field = dossier.champs.find((champ) => champ.label === label);
  const match = field ? /^\s*(\d{1,6})\b/.exec(field.value) : null;
  return match ? Number(match[1]) : null;
}

function jobs({ dossier }: ProposalFacts): Proposal | null {
  const created = declaredCount(dossier, JOBS_CREATED_FIELD);
  const kept = declaredCount(dossier, JOBS_KEPT_FIELD);
  if (created === null && kept === null) return null;
  const any = (created ?? 0) + (kept ?? 0) > 0;
  return { status: any ? 'met' : 'not_met', reason: any ? 'jobs_declared' : 'no_jobs', created, kept };
}

const RULES: Record<ProposalRule, (facts: ProposalFacts) => Proposal | null> = {
  industrial_activity: industrialActivity,
  site_in_territory: siteInTerritory,
  works_start: worksStart,
  jobs,
};

/** The proposal of a rule, or null when the dossier's data does not answer it. */
export function propose(rule: ProposalRule, facts: ProposalFacts): Proposal | null {
  return RULES[rule](facts);
}
