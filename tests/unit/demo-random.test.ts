import { describe, expect, it } from 'vitest';
import { Random } from '../../electron/core/demo/random';
import { seededTime } from '../../electron/core/demo/seeded-time';

function draws(random: Random): unknown[] {
  return [random.int(0, 1_000_000), random.float(), random.pick(['a', 'b', 'c']), random.sample([1, 2, 3, 4, 5], 3), random.digits(6)];
}

describe('Random', () => {
  it('repeats the same draws for the same seed and differs for another', () => {
    expect(draws(new Random(42))).toEqual(draws(new Random(42)));
    expect(draws(new Random(42))).not.toEqual(draws(new Random(43)));
  });

  it('gives forks their own streams, each reproducible', () => {
    const a = new Random(9);
    const b = new Random(9);
    const [a1, a2] = [a.fork(), a.fork()];
    const [b1, b2] = [b.fork(), b.fork()];
    expect(draws(a1)).toEqual(draws(b1));
    expect(draws(a2)).toEqual(draws(b2));
    expect(draws(new Random(9).fork())).not.toEqual(draws(new Random(9).fork().fork()));
  });

  it('stays within bounds and samples without repeating', () => {
    const random = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const n = random.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      const x = random.logBetween(10, 1000);
      expect(x).toBeGreaterThanOrEqual(10);
      expect(x).toBeLessThanOrEqual(1000);
    }
    const sample = random.sample([1, 2, 3, 4, 5, 6], 6);
    expect([...sample].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(random.weighted([['never', 0], ['always', 1]] as const)).toBe('always');
  });
});

describe('seededTime', () => {
  it('gives the same instants and UUIDv7s for the same seed', () => {
    const start = new Date('2026-11-20T09:00:00.000Z');
    const run = () => {
      const time = seededTime(start, new Random(5));
      return [time.clock().toISOString(), time.newId(), time.clock().toISOString(), time.newId()];
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first[0]).toBe('2026-11-20T09:00:00.000Z');
    expect(first[2]).toBe('2026-11-20T09:00:00.001Z');
    expect(first[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first[1]).not.toBe(first[3]);
  });
});
