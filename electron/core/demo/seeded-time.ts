/**
 * The demo's clock and ids: every timestamp and UUIDv7 written to the case file comes from here,
 * so the same seed writes the same rows, journal included.
 */
import { v7 } from 'uuid';
import type { Random } from './random';

export interface SeededTime {
  /** Moves forward one millisecond per reading: distinct and ordered, yet reproducible. */
  clock: () => Date;
  /** A UUIDv7 stamped with the clock's current instant, its random part from the seed. */
  newId: () => string;
}

export function seededTime(start: Date, random: Random): SeededTime {
  let instant = start.getTime();
  return {
    clock: () => new Date(instant++),
    newId: () => v7({ msecs: instant, random: random.bytes(16) }),
  };
}
