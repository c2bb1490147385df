/**
 * The mutations of the instruction facts: each rewrites the dossier's facts, recomputes its checks
 * and journals the field it changed, before and after; all of them go to the hub. The rules that
 * judge a new fact against today and the dossier as the author's desk saw them are not judged
 * again when another desk replays it.
 */
import { parisDate, type IsoDate } from '../../../shared/domain/dates';
import type { DossierImport } from '../../../shared/domain/dossier';
import type { InstructionFacts } from '../../../shared/domain/instruction';
import { RelaisError } from '../../../shared/errors';
import { extensionProblems, priorAidProblems, type FactProblem } from '../../../shared/rules/checks/instruction-facts';
import { instruction } from '../../../shared/sync/mutations';
import type { CoreContext } from '../context';
import { defineSyncedMutation, type MutationOutcome } from '../mutations';
import { refreshAfterFactsChange } from './checks';
import { instructionFactsOf, saveInstructionFacts, storedDossier } from './facts';

/** Throws the first problem found; a replayed change was judged by its author's desk. */
function refuse(ctx: CoreContext, find: () => readonly FactProblem[]): void {
  if (ctx.origin === 'hub') return;
  const problems = find();
  const [first] = problems;
  if (!first) return;
  throw new RelaisError(
    first.code,
    first.params,
    problems.map((problem) => ({ path: problem.path, message: problem.code })),
  );
}

function changeFacts<K extends keyof InstructionFacts>(
  ctx: CoreContext,
  dossierId: string,
  field: K,
  change: (current: InstructionFacts[K], dossier: DossierImport, today: IsoDate) => InstructionFacts[K],
): MutationOutcome<InstructionFacts> {
  const { seq, dossier } = storedDossier(ctx.db, dossierId);
  const current = instructionFactsOf(ctx.db, seq);
  const today = parisDate(ctx.clock());
  const next = { ...current, [field]: change(current[field], dossier, today) };
  saveInstructionFacts(ctx.db, seq, next);
  refreshAfterFactsChange(ctx.db, seq, dossier, next, today);
  return { dossierId, before: { [field]: current[field] }, after: { [field]: next[field] }, result: next };
}

export const setRegime = defineSyncedMutation(instruction.setRegime, {
  apply: (ctx, { dossierId, regime }) =>
    changeFacts(ctx, dossierId, 'regime', (_, __, today) => {
      const priorAids = regime?.kind === 'de_minimis' ? regime.priorAids : null;
      if (priorAids) refuse(ctx, () => priorAidProblems(priorAids, today));
      return regime;
    }),
});

export const setAdvance = defineSyncedMutation(instruction.setAdvance, {
  apply: (ctx, { dossierId, advance }) => changeFacts(ctx, dossierId, 'advance', () => advance),
});

export const addExtension = defineSyncedMutation(instruction.addExtension, {
  apply: (ctx, { dossierId, extension }) =>
    changeFacts(ctx, dossierId, 'extensions', (extensions, dossier, today) => {
      refuse(ctx, () => extensionProblems(extension, { state: dossier.state, arDate: dossier.dates.arDate }, extensions, today));
      return [...extensions, extension];
    }),
});

export const removeExtension = defineSyncedMutation(instruction.removeExtension, {
  apply: (ctx, { dossierId, extensionId }) =>
    changeFacts(ctx, dossierId, 'extensions', (extensions) => {
      const index = extensions.findIndex((extension) => extension.id === extensionId);
      if (index < 0) throw new RelaisError('not_found', { what: `extension ${extensionId}` });
      // Each extension was checked against the date the previous one set: only the last can go.
      if (index !== extensions.length - 1 && ctx.origin !== 'hub') throw new RelaisError('extension_not_last', { count: extensions.length });
      return extensions.filter((extension) => extension.id !== extensionId);
    }),
});
