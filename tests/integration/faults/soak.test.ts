/**
 * The soak, briefly (`npm run soak` runs it for minutes): random work through the contract for
 * 20 seconds, and the heap after a full collection stays flat. RSS is reported, not checked: it
 * grows while SQLite's page cache (64 MB by design) fills.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak';

const SOAK_MS = 20_000;

describe('random work through the contract', () => {
  it('keeps the heap flat', async () => {
    const figures = await runSoak({ durationMs: SOAK_MS, sampleEveryMs: 1_000, seed: 3 });
    console.info(
      `soak ${figures.seconds} s: ${figures.mutations} mutations (${figures.mutationsPerSecond}/s); heap ${figures.start.heapMb} → ${figures.end.heapMb} MB, RSS ${figures.start.rssMb} → ${figures.end.rssMb} MB`,
    );
    expect(figures.mutations).toBeGreaterThan(100);
    // Warming up (compiled code, prepared statements) takes a few MB; past half-way nothing may pile up.
    expect(figures.heapGrowthMb).toBeLessThan(6);
    expect(figures.heapGrowthSecondHalfMb).toBeLessThan(2);
  }, SOAK_MS + 30_000);
});
