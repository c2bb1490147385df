/**
 * Why a decision cannot be proposed as it stands: the field at fault, a code the catalogue says
 * as a sentence (`decisions.problems.<code>`), and its values (amounts in `…Cents`, rates in
 * `…Percent`, dates in `…On`, the naming rule of the checks' sentences).
 */
import { z } from 'zod';

export const DECISION_PROBLEM_CODES = [
  'refusal_no_reasons_of_law',
  'refusal_no_reasons_of_fact',
  'sans_suite_no_reason',
  'pieces_none',
  'pieces_answer_not_after_act',
  'amount_missing',
  'amount_above_request',
  'amount_above_ceiling',
  'ceiling_unknown',
  'amount_not_rate_times_base',
  'public_aid_above_expenditure',
  'advance_above_ceiling',
  'completion_not_after_start',
  /** Another proposed or signed act has this reference number (checked by core, which sees them all). */
  'reference_taken',
] as const;
export const DecisionProblemCode = z.enum(DECISION_PROBLEM_CODES);
export type DecisionProblemCode = z.infer<typeof DecisionProblemCode>;

export const DecisionProblem = z.object({
  /** The content field at fault, dotted (e.g. `payment.advanceCents`). */
  path: z.string(),
  code: DecisionProblemCode,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type DecisionProblem = z.infer<typeof DecisionProblem>;
