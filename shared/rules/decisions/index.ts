/**
 * What an act must hold before it is proposed for signature: a refusal its reasons (CRPA
 * L211-5), a request for pieces the pieces and a later answer date, an attribution an amount
 * within the request and the regime's ceiling, computed as it says, with its payment terms and
 * timetable lawful (décret 2018-514 art. 8, 10 and 12). Drafts may be incomplete; proposals not.
 * The ceilings are the legal checks' own (shared/rules/checks), applied to the act's figures.
 */
import type { DecisionContent, DecisionContentOf } from '../../domain/decision';
import type { DossierCheck } from '../../domain/checks';
import type { DossierImport } from '../../domain/dossier';
import type { InstructionFacts } from '../../domain/instruction';
import { advanceCeilingCheck } from '../checks/advance-ceiling';
import { aidIntensityCheck } from '../checks/aid-intensity';
import { publicAidCeilingCheck } from '../checks/public-aid-ceiling';
import type { DecisionProblem, DecisionProblemCode } from './problem';

export * from './problem';

/** What the rules read of the dossier: the company's size (intensity) and its financing plan (other public aid). */
export type ProposalDossier = Pick<DossierImport, 'demandeur' | 'finance'>;
export type ProposalFacts = Pick<InstructionFacts, 'regime'>;

type Params = DecisionProblem['params'];

function problem(path: string, code: DecisionProblemCode, params: Params = {}): DecisionProblem {
  return { path, code, params };
}

/** A check's values without its verdict's reason, for a problem that has one sentence. */
function withoutReason({ reason: _reason, ...params }: DossierCheck['params']): Params {
  return params;
}

const blank = (text: string) => text.trim() === '';

function attributionProblems(content: DecisionContentOf<'attribution'>, dossier: ProposalDossier, facts: ProposalFacts): DecisionProblem[] {
  const { amountCents, eligibleExpenditureCents: eligibleCents, rateBasisPoints } = content;
  const problems: DecisionProblem[] = [];
  const requestedCents = dossier.finance.amountRequestedCents;

  if (amountCents === 0) problems.push(problem('amountCents', 'amount_missing'));
  if (amountCents > requestedCents) problems.push(problem('amountCents', 'amount_above_request', { amountCents, requestedCents }));

  // The checks read "the amount requested" and "the eligible base": here, the act's amount and expenditure.
  const granted = { ...dossier.finance, amountRequestedCents: amountCents, eligibleBaseCents: eligibleCents };
  // The act's date dates the de minimis period: the aid is granted on the day it is signed at the earliest.
  const intensity = aidIntensityCheck(dossier.demandeur.size, granted, facts.regime, content.date);
  if (intensity.status === 'failed') problems.push(problem('amountCents', 'amount_above_ceiling', intensity.params));
  else if (intensity.status === 'to_check') problems.push(problem('amountCents', 'ceiling_unknown', intensity.params));

  // The amount is the rate applied to the base, to the cent: |amount − base × rate| < 1 cent.
  if (Math.abs(amountCents * 10_000 - eligibleCents * rateBasisPoints) >= 10_000) {
    problems.push(
      problem('rateBasisPoints', 'amount_not_rate_times_base', {
        amountCents,
        eligibleCents,
        ratePercent: rateBasisPoints / 100,
        computedCents: Math.floor((eligibleCents * rateBasisPoints) / 10_000),
      }),
    );
  }

  const publicAid = publicAidCeilingCheck(granted);
  if (publicAid.status === 'failed') problems.push(problem('amountCents', 'public_aid_above_expenditure', withoutReason(publicAid.params)));

  const { advanceCents, bankGuarantee } = content.payment;
  if (advanceCents > 0) {
    const advance = advanceCeilingCheck(amountCents, { amountCents: advanceCents, bankGuarantee });
    if (advance.status === 'failed') problems.push(problem('payment.advanceCents', 'advance_above_ceiling', withoutReason(advance.params)));
  }

  if (content.completionOn <= content.worksStartOn) {
    problems.push(problem('completionOn', 'completion_not_after_start', { completionOn: content.completionOn, worksStartOn: content.worksStartOn }));
  }
  return problems;
}

/** Every reason `content` cannot be proposed; none means it can. */
export function proposalProblems(content: DecisionContent, dossier: ProposalDossier, facts: ProposalFacts): DecisionProblem[] {
  switch (content.type) {
    case 'accuse-reception':
      return [];
    case 'demande-pieces': {
      const problems: DecisionProblem[] = [];
      if (content.missingPieces.length === 0) problems.push(problem('missingPieces', 'pieces_none'));
      if (content.answerBy <= content.date) problems.push(problem('answerBy', 'pieces_answer_not_after_act', { answerOn: content.answerBy, actOn: content.date }));
      return problems;
    }
    case 'attribution':
      return attributionProblems(content, dossier, facts);
    case 'refus':
      return [
        ...(blank(content.reasonsOfLaw) ? [problem('reasonsOfLaw', 'refusal_no_reasons_of_law')] : []),
        ...(blank(content.reasonsOfFact) ? [problem('reasonsOfFact', 'refusal_no_reasons_of_fact')] : []),
      ];
    case 'sans-suite':
      return blank(content.reason) ? [problem('reason', 'sans_suite_no_reason')] : [];
  }
}
