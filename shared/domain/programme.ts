/**
 * The programme file (resources/programmes/*.json): the eligibility criteria and the weighted
 * scoring grid an instructor evaluates a dossier against, and the site-visit checklist. It is
 * data, versioned, and validated by these schemas when it is loaded.
 */
import { z } from 'zod';
import { IsoDate } from './dossier';

/** A text in both interface languages: the file is data, the interface language picks one. */
export const Localized = z.strictObject({ fr: z.string().trim().min(1), en: z.string().trim().min(1) });
export type Localized = z.infer<typeof Localized>;

const Slug = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'expected an identifier in lower case (a-z, 0-9, _)' });

/**
 * The rules that can propose a criterion's status from the dossier's own data
 * (shared/rules/evaluation/proposals.ts); the instructor decides.
 */
export const PROPOSAL_RULES = ['industrial_activity', 'site_in_territory', 'works_start', 'jobs'] as const;
export const ProposalRule = z.enum(PROPOSAL_RULES);
export type ProposalRule = z.infer<typeof ProposalRule>;

const CriterionBase = {
  id: Slug,
  /** Criteria sharing a group are shown under one heading (e.g. environmental performance). */
  group: Slug.optional(),
  label: Localized,
  /** What the instructor looks at to decide. */
  guidance: Localized,
  /** The legal or programme text the criterion comes from. */
  basis: z.string().trim().min(1),
  proposedBy: ProposalRule.optional(),
};

/** A gate: any eligibility criterion not met makes the dossier ineligible, whatever its score. */
export const EligibilityCriterion = z.strictObject({ ...CriterionBase, kind: z.literal('eligibility') });
/** A line of the grid: met earns its weight in points, not met earns none. */
export const ScoringCriterion = z.strictObject({
  ...CriterionBase,
  kind: z.literal('scoring'),
  weight: z.number().int().min(1).max(100),
});
export const Criterion = z.discriminatedUnion('kind', [EligibilityCriterion, ScoringCriterion]);
export type Criterion = z.infer<typeof Criterion>;

export const CriterionGroup = z.strictObject({ id: Slug, label: Localized });
export type CriterionGroup = z.infer<typeof CriterionGroup>;

export const VisitChecklistItem = z.strictObject({ id: Slug, label: Localized });
export type VisitChecklistItem = z.infer<typeof VisitChecklistItem>;

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, index) => ids.indexOf(id) !== index);
}

export const Programme = z
  .strictObject({
    id: Slug,
    /** Raised on every change of the criteria or weights; each evaluation records the version it was made under. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
    validFrom: IsoDate,
    validUntil: IsoDate,
    name: Localized,
    basis: z.string().trim().min(1),
    /** Points a dossier needs (out of the grid's maximum) for a favourable proposal. */
    minimumScore: z.number().int().min(0),
    groups: z.array(CriterionGroup).max(20),
    criteria: z.array(Criterion).min(1).max(60),
    visitChecklist: z.array(VisitChecklistItem).min(1).max(60),
  })
  .superRefine((programme, issues) => {
    if (programme.validUntil < programme.validFrom) {
      issues.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before validFrom' });
    }
    const criterionIds = programme.criteria.map((criterion) => criterion.id);
    for (const id of duplicates(criterionIds)) {
      issues.addIssue({ code: 'custom', path: ['criteria', criterionIds.lastIndexOf(id), 'id'], message: `duplicate criterion id ${id}` });
    }
    const checklistIds = programme.visitChecklist.map((item) => item.id);
    for (const id of duplicates(checklistIds)) {
      issues.addIssue({ code: 'custom', path: ['visitChecklist', checklistIds.lastIndexOf(id), 'id'], message: `duplicate item id ${id}` });
    }
    const groupIds = new Set(programme.groups.map((group) => group.id));
    programme.criteria.forEach((criterion, index) => {
      if (criterion.group && !groupIds.has(criterion.group)) {
        issues.addIssue({ code: 'custom', path: ['criteria', index, 'group'], message: `no group ${criterion.group} in groups` });
      }
    });
    const maximum = maximumScore(programme.criteria);
    if (maximum === 0) issues.addIssue({ code: 'custom', path: ['criteria'], message: 'the grid needs at least one scoring criterion' });
    if (programme.minimumScore > maximum) {
      issues.addIssue({ code: 'custom', path: ['minimumScore'], message: `must not exceed the grid's maximum (${maximum})` });
    }
  });
export type Programme = z.infer<typeof Programme>;

/** The points a dossier meeting every scoring criterion gets. */
export function maximumScore(criteria: readonly Criterion[]): number {
  return criteria.reduce((sum, criterion) => sum + (criterion.kind === 'scoring' ? criterion.weight : 0), 0);
}
