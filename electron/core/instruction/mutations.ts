/**
 * The mutations of the instruction facts: each rewrites the dossier's facts, recomputes its checks
 * and journals the field it changed, before and after; all of them go to the hub.
 */
import { z } from 'zod';
import { parisDate, type IsoDate } from '../../../shared/domain/dates';
import { Id, type DossierImport } from '../../../shared/domain/dossier';
import { Advance, AidRegime, InstructionExtension, type InstructionFacts } from '../../../shared/domain/instruction';
import { RelaisError } from '../../../shared/errors';
import { extensionProblems, priorAidProblems, type FactProblem } from '../../../shared/rules/checks/instruction-facts';
import type { CoreContext } from '../context';
import { defineMutation, type MutationOutcome } from '../mutations';
import { refreshAfterFactsChange } from './checks';
import { instructionFactsOf, saveInstructionFacts, storedDossier } from './facts';

function refuse(problems: readonly FactProblem[]): void {
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

export const setRegime = defineMutation({
  name: 'instruction.setRegime',
  args: z.object({ dossierId: Id, regime: AidRegime.nullable() }),
  outbox: true,
  apply: (ctx, { dossierId, regime }) =>
    changeFacts(ctx, dossierId, 'regime', (_, __, today) => {
      if (regime?.kind === 'de_minimis' && regime.priorAids) refuse(priorAidProblems(regime.priorAids, today));
      return regime;
    }),
});

export const setAdvance = defineMutation({
  name: 'instruction.setAdvance',
  args: z.object({ dossierId: Id, advance: Advance.nullable() }),
  outbox: true,
  apply: (ctx, { dossierId, advance }) => changeFacts(ctx, dossierId, 'advance', () => advance),
});

export const addExtension = defineMutation({
  name: 'instruction.addExtension',
  args: z.object({ dossierId: Id, extension: InstructionExtension }),
  outbox: true,
  apply: (ctx, { dossierId, extension }) =>
    changeFacts(ctx, dossierId, 'extensions', (extensions, dossier, today) => {
      refuse(extensionProblems(extension, { state: dossier.state, arDate: dossier.dates.arDate }, extensions, today));
      return [...extensions, extension];
    }),
});

export const removeExtension = defineMutation({
  name: 'instruction.removeExtension',
  args: z.object({ dossierId: Id, extensionId: Id }),
  outbox: true,
  apply: (ctx, { dossierId, extensionId }) =>
    changeFacts(ctx, dossierId, 'extensions', (extensions) => {
      const index = extensions.findIndex((extension) => extension.id === extensionId);
      if (index < 0) throw new RelaisError('not_found', { what: `extension ${extensionId}` });
      // Each extension was checked against the date the previous one set: only the last can go.
      if (index !== extensions.length - 1) throw new RelaisError('extension_not_last', { count: extensions.length });
      return extensions.slice(0, index);
    }),
});
