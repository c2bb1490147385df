/**
 * The channels of the instruction facts the legal checks need: the State aid regime, the advance
 * and the extensions of the instruction delay. Each change is journaled and sent to the hub.
 */
import { z } from 'zod';
import { defineChannels, DossierArguments } from './channel';
import { Id, IsoDate } from '../domain/dossier';
import { Advance, AidRegime, InstructionExtension, InstructionFacts } from '../domain/instruction';

export * from '../domain/instruction';

export const instructionChannels = defineChannels({
  'instruction.get': {
    kind: 'query',
    args: DossierArguments,
    result: InstructionFacts,
    description: "The dossier's instruction facts (regime, advance, extensions); none recorded is all empty.",
  },
  'instruction.setRegime': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, regime: AidRegime.nullable() }),
    result: InstructionFacts,
    description: 'Chooses the State aid regime (null: not chosen yet); de minimis carries the aid declared over three years.',
  },
  'instruction.setAdvance': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, advance: Advance.nullable() }),
    result: InstructionFacts,
    description: 'Records the advance asked for and whether a bank guarantee is given (null: no advance).',
  },
  'instruction.addExtension': {
    kind: 'mutation',
    args: z.strictObject({
      dossierId: Id,
      decidedOn: IsoDate,
      newDue: IsoDate,
      reason: InstructionExtension.shape.reason,
    }),
    result: InstructionFacts,
    description: 'Records a reasoned extension of the instruction delay: decided before it ran out, to a later date.',
  },
  'instruction.removeExtension': {
    kind: 'mutation',
    args: z.strictObject({ dossierId: Id, extensionId: Id }),
    result: InstructionFacts,
    description: 'Removes the last extension recorded (an entry made by mistake); the journal keeps it.',
  },
});
