/**
 * The score of a dossier and why: eligibility criteria are gates (one not met makes the dossier
 * ineligible, one to check leaves eligibility provisional), scoring criteria earn their weight
 * when met, and the total is read against the programme's minimum.
 */
import type { CriterionStatus, EvaluationScore, EvaluationVerdict, ScoreLine } from '../../domain/evaluation';
import { maximumScore, type Criterion, type Programme } from '../../domain/programme';

/** The instructor's status per criterion id; a criterion absent from the map is still to check. */
export type StatusByCriterion = ReadonlyMap<string, CriterionStatus>;

function lineOf(criterion: Criterion, status: CriterionStatus): ScoreLine {
  const base = { criterionId: criterion.id, kind: criterion.kind, status };
  if (criterion.kind === 'eligibility') {
    return { ...base, points: null, maxPoints: null, explanation: { reason: `gate_${status}` } };
  }
  const points = status === 'met' ? criterion.weight : 0;
  return { ...base, points, maxPoints: criterion.weight, explanation: { reason: `scoring_${status}`, points, maxPoints: criterion.weight } };
}

function verdictOf(
  eligibility: EvaluationScore['eligibility'],
  points: number,
  pendingPoints: number,
  minimumScore: number,
): EvaluationVerdict {
  if (eligibility === 'ineligible') return 'ineligible';
  if (eligibility === 'provisional') return 'provisional';
  if (points >= minimumScore) return 'reaches_minimum';
  // Even every criterion still to check met would leave the score short.
  if (points + pendingPoints < minimumScore) return 'below_minimum';
  return 'provisional';
}

export function scoreEvaluation(programme: Programme, statuses: StatusByCriterion): EvaluationScore {
  const lines = programme.criteria.map((criterion) => lineOf(criterion, statuses.get(criterion.id) ?? 'to_check'));
  const gates = lines.filter((line) => line.kind === 'eligibility');
  const scoring = lines.filter((line) => line.kind === 'scoring');
  const failedGates = gates.filter((line) => line.status === 'not_met').length;
  const gatesToCheck = gates.filter((line) => line.status === 'to_check').length;
  const eligibility = failedGates > 0 ? 'ineligible' : gatesToCheck > 0 ? 'provisional' : 'eligible';
  const points = scoring.reduce((sum, line) => sum + (line.points ?? 0), 0);
  const pendingPoints = scoring.filter((line) => line.status === 'to_check').reduce((sum, line) => sum + (line.maxPoints ?? 0), 0);
  const maxPoints = maximumScore(programme.criteria);
  const { minimumScore } = programme;
  const verdict = verdictOf(eligibility, points, pendingPoints, minimumScore);
  return {
    verdict,
    eligibility,
    points,
    maxPoints,
    pendingPoints,
    minimumScore,
    lines,
    explanation: {
      reason: verdict === 'provisional' ? `provisional_${eligibility === 'provisional' ? 'eligibility' : 'score'}` : verdict,
      points,
      maxPoints,
      pendingPoints,
      reachablePoints: points + pendingPoints,
      minimumScore,
      failedGates,
      gatesToCheck,
    },
  };
}
