/** What some checks need that the dossier does not record yet: each is optional, and its absence is said. */
import type { InstructionExtension } from '../../domain/deadlines';

export const AID_REGIMES = ['de_minimis', 'regional_zone_c', 'gber_art17'] as const;
export type AidRegime = (typeof AID_REGIMES)[number];

export interface Advance {
  amountCents: number;
  /** A first-demand bank guarantee raises the ceiling from 30 % to 60 % (art. 12). */
  bankGuarantee: boolean;
}

export interface CheckInputs {
  /** The State aid regime the instructor chose for the dossier. */
  regime?: AidRegime;
  /** De minimis aid the undertaking declared over the three rolling years before the request. */
  priorDeMinimisCents?: number;
  advance?: Advance;
  /** Extensions of the instruction delay, each decided with its reason (art. 7). */
  extensions?: readonly InstructionExtension[];
}
