/**
 * `npm run soak [-- --minutes 10] [-- --seed N] [-- --json]`: random work through the contract on
 * a real case file for that long, then the figures: calls and mutations per second, memory (RSS
 * and heap after a full collection) at the start, the median and the end, and how much it grew.
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../integration/faults/soak';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    json: { type: 'boolean', default: false },
  },
});
const minutes = Number(options.minutes);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  log(`Soak: ${minutes} min of random work through the contract (seed ${options.seed})`);
  const figures = await runSoak({
    durationMs: minutes * 60_000,
    // About 60 samples whatever the length.
    sampleEveryMs: Math.max(1_000, (minutes * 60_000) / 60),
    seed: Number(options.seed),
    onSample: (sample) => log(`  ${sample.atSeconds} s  ${sample.calls} calls  RSS ${sample.rssMb} MB  heap ${sample.heapMb} MB`),
  });

  const at = (name: string, sample: { rssMb: number; heapMb: number }) => `${name}: RSS ${sample.rssMb} MB, heap ${sample.heapMb} MB`;
  log('');
  log(`${figures.calls} calls, ${figures.mutations} mutations in ${figures.seconds} s: ${figures.mutationsPerSecond} mutations/s`);
  log(at('start ', figures.start));
  log(at('median', figures.median));
  log(at('end   ', figures.end));
  log(`growth: heap ${figures.heapGrowthMb} MB (second half ${figures.heapGrowthSecondHalfMb} MB), RSS ${figures.rssGrowthMb} MB`);
  if (options.json) {
    const { samples: _samples, ...summary } = figures;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
