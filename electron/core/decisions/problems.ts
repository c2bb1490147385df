/** Why a draft cannot be proposed: the pure rules on its content, and what only the case file knows (the act numbers in use). */
import type { DecisionProblem } from '../../../shared/rules/decisions';
import { proposalProblems } from '../../../shared/rules/decisions';
import type { CoreContext } from '../context';
import { instructionFactsOf, storedDossier } from '../instruction/facts';
import { contentOf, referenceTaken, type DecisionRow } from './store';

export function problemsOf(ctx: CoreContext, row: DecisionRow): DecisionProblem[] {
  const content = contentOf(row);
  const problems = proposalProblems(content, storedDossier(ctx.db, row.dossier_id).dossier, instructionFactsOf(ctx.db, row.dossier_seq));
  if (referenceTaken(ctx.db, content.reference, row.id)) problems.push({ path: 'reference', code: 'reference_taken', params: { reference: content.reference } });
  return problems;
}
