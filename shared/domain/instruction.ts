/**
 * The instruction facts an instructor records on a dossier for the legal checks: the State aid
 * regime (with the de minimis aid already received, or the regional aid zone), the advance asked
 * for, and the extensions of the instruction delay.
 */
import { z } from 'zod';
import { Cents, Id, IsoDate } from './dossier';

/** Regional aid map 2022-2027 (décret n° 2022-968): 'a' areas (outermost regions), 'c' areas, or neither. */
export const AID_ZONES = ['a', 'c', 'non_zoned'] as const;
export const AidZone = z.enum(AID_ZONES);
export type AidZone = z.infer<typeof AidZone>;

export const AID_REGIME_KINDS = ['de_minimis', 'regional', 'gber_art17'] as const;
export type AidRegimeKind = (typeof AID_REGIME_KINDS)[number];

export const MAX_PRIOR_AIDS = 50;

/** One de minimis aid the undertaking declared: who granted it, how much, when. */
export const PriorAid = z.strictObject({
  grantor: z.string().trim().min(1).max(200),
  amountCents: Cents,
  grantedOn: IsoDate,
});
export type PriorAid = z.infer<typeof PriorAid>;

export const AidRegime = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('de_minimis'),
    /** null until the undertaking's declaration arrives; an empty list declares no prior aid. */
    priorAids: z.array(PriorAid).max(MAX_PRIOR_AIDS).nullable(),
  }),
  z.strictObject({ kind: z.literal('regional'), zone: AidZone }),
  z.strictObject({ kind: z.literal('gber_art17') }),
]);
export type AidRegime = z.infer<typeof AidRegime>;

export const Advance = z.strictObject({
  amountCents: Cents,
  /** A first-demand bank guarantee raises the ceiling from 30 % to 60 % (art. 12). */
  bankGuarantee: z.boolean(),
});
export type Advance = z.infer<typeof Advance>;

export const MAX_EXTENSION_REASON = 2_000;

/** An extension of the instruction delay, decided with its reason (décret n° 2018-514, art. 7). */
export const InstructionExtension = z.strictObject({
  id: Id,
  decidedOn: IsoDate,
  /** The date the decision is now due. */
  newDue: IsoDate,
  reason: z.string().trim().min(1).max(MAX_EXTENSION_REASON),
});
export type InstructionExtension = z.infer<typeof InstructionExtension>;

export const InstructionFacts = z.object({
  regime: AidRegime.nullable(),
  advance: Advance.nullable(),
  /** In the order they were decided. */
  extensions: z.array(InstructionExtension),
});
export type InstructionFacts = z.infer<typeof InstructionFacts>;

export const NO_INSTRUCTION_FACTS: InstructionFacts = { regime: null, advance: null, extensions: [] };
