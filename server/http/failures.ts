/**
 * Brute-force protection: failed enrolments counted per account and per address, forged tokens
 * per address. Past the limit, that account or address is refused (429 with Retry-After) until
 * the window that began with its first failure ends, even with the right secret; a success
 * resets the counts it names. Counts live in the process: each hub process behind a load
 * balancer counts on its own, which multiplies the limit by the number of processes.
 */
import { HubError } from '../errors';

export interface FailureLimits {
  /** Wrong enrolment codes given for one address before that account is locked. */
  perAccount: number;
  /** Wrong enrolment codes, or forged device tokens, from one caller's address before it is locked. */
  perAddress: number;
  windowMs: number;
}

/** A person mistyping a code a few times is not locked; a script trying codes is, for 15 minutes. */
export const DEFAULT_FAILURE_LIMITS: FailureLimits = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 };

/** Bounds the memory a flood of distinct addresses or accounts can take. */
const MAX_TRACKED_KEYS = 100_000;

/** A 429 that tells the caller when to try again (sent as Retry-After by errors.ts). */
export class RetryLaterError extends HubError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', 429, message);
  }
}

interface Failures {
  count: number;
  since: number;
}

export class FailureCounter {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly limitOf: (key: string) => number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Throws a RetryLaterError when one of `keys` has reached its limit within its window. */
  check(keys: readonly string[], what: string): void {
    const now = this.clock();
    for (const key of keys) {
      const entry = this.current(key, now);
      if (entry && entry.count >= this.limitOf(key)) {
        const seconds = Math.max(1, Math.ceil((entry.since + this.windowMs - now) / 1000));
        throw new RetryLaterError(`Too many failed ${what}: try again in ${seconds} s.`, seconds);
      }
    }
  }

  fail(keys: readonly string[]): void {
    const now = this.clock();
    for (const key of keys) {
      const entry = this.current(key, now);
      if (entry) entry.count += 1;
      else this.failures.set(key, { count: 1, since: now });
    }
    if (this.failures.size > MAX_TRACKED_KEYS) this.prune(now);
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private current(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops ended windows, then, if still too many, the oldest (a Map keeps insertion order). */
  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.since >= this.windowMs) this.failures.delete(key);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED_KEYS) break;
      this.failures.delete(key);
    }
  }
}

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** One counter for enrolment (account and address keys), one for forged tokens (address keys). */
export function failureCounters(limits: FailureLimits, clock: () => number = Date.now): { enrolment: FailureCounter; tokens: FailureCounter } {
  const limitOf = (key: string) => (key.startsWith('account:') ? limits.perAccount : limits.perAddress);
  return { enrolment: new FailureCounter(limitOf, limits.windowMs, clock), tokens: new FailureCounter(limitOf, limits.windowMs, clock) };
}
