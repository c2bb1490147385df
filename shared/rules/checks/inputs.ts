/**
 * What some checks need beyond the dossier: the instruction facts the instructor records
 * (shared/domain/instruction.ts). Each is optional, and its absence is said.
 */
import type { InstructionFacts } from '../../domain/instruction';

export type CheckInputs = Partial<InstructionFacts>;
