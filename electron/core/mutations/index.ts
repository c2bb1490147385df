export { defineMutation, defineSyncedMutation, type MutationDef, type MutationOutcome } from './define';
export { mutationCall, runMutation, runMutations, type MutationCall } from './run';
export { verifyJournal, type JournalCheck } from './journal';
