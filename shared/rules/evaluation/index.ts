/** The evaluation grid's pure rules: proposals from the dossier's data, and the score. */
export { propose, JOBS_CREATED_FIELD, JOBS_KEPT_FIELD, type ProposalFacts } from './proposals';
export { scoreEvaluation, type StatusByCriterion } from './score';
