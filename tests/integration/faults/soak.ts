/**
 * The soak: random work through the contract on a real case file for a set time, with the
 * process's memory sampled after a full garbage collection. `npm run soak` runs it for minutes
 * and prints the figures; the test suite runs it briefly and checks that memory stays flat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Random } from '../../../electron/core/demo/random';
import { openSession } from '../../../electron/core/session';
import { RandomWorkload, seedDossiers } from './workload';

export interface MemorySample {
  /** Seconds since the work started. */
  atSeconds: number;
  calls: number;
  rssMb: number;
  heapMb: number;
}

export interface SoakFigures {
  seconds: number;
  calls: number;
  mutations: number;
  mutationsPerSecond: number;
  samples: MemorySample[];
  start: MemorySample;
  median: MemorySample;
  end: MemorySample;
  /** End minus start, after a full collection. */
  heapGrowthMb: number;
  rssGrowthMb: number;
  /** End minus the sample half-way: what still grows once the caches have filled. */
  heapGrowthSecondHalfMb: number;
}

export interface SoakOptions {
  durationMs: number;
  sampleEveryMs: number;
  seed: number;
  onSample?: (sample: MemorySample) => void;
}

/** A full collection, callable without starting node with --expose-gc. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export async function runSoak({ durationMs, sampleEveryMs, seed, onSample }: SoakOptions): Promise<SoakFigures> {
  const gc = fullGc();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-soak-'));
  const session = openSession({ dataDir, host: 'cli', create: true });
  try {
    seedDossiers(session);
    const workload = await RandomWorkload.resume(session, new Random(seed));
    const samples: MemorySample[] = [];
    const journalEntries = () => session.ctx.db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
    const entriesBefore = journalEntries();
    let calls = 0;
    const started = performance.now();
    const sample = () => {
      gc();
      const { rss, heapUsed } = process.memoryUsage();
      const taken = { atSeconds: Math.round((performance.now() - started) / 100) / 10, calls, rssMb: mb(rss), heapMb: mb(heapUsed) };
      samples.push(taken);
      onSample?.(taken);
    };
    sample();
    let nextSample = started + sampleEveryMs;
    while (performance.now() - started < durationMs) {
      await workload.step();
      calls += 1;
      if (performance.now() >= nextSample) {
        sample();
        nextSample += sampleEveryMs;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    // A bulk action is one call and one mutation per dossier: count what the journal holds.
    const mutations = journalEntries() - entriesBefore;
    sample();
    const start = samples[0]!;
    const end = samples[samples.length - 1]!;
    const half = samples[Math.floor(samples.length / 2)]!;
    const median = [...samples].sort((a, b) => a.heapMb - b.heapMb)[Math.floor(samples.length / 2)]!;
    return {
      seconds: Math.round(seconds * 10) / 10,
      calls,
      mutations,
      mutationsPerSecond: Math.round(mutations / seconds),
      samples,
      start,
      median,
      end,
      heapGrowthMb: mb((end.heapMb - start.heapMb) * 1024 * 1024),
      rssGrowthMb: mb((end.rssMb - start.rssMb) * 1024 * 1024),
      heapGrowthSecondHalfMb: mb((end.heapMb - half.heapMb) * 1024 * 1024),
    };
  } finally {
    session.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
