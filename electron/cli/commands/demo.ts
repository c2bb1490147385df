/** `relais demo --data DIR --count N [--seed S] [--force]`: writes a demo case file, with a progress bar on stderr. */
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_DEMO_SEED, generateDemo, type DemoPhase, type DemoSummary } from '../../core/demo/generate';
import { DEMO_P12_PASSWORD } from '../../core/signing/demo-pki';
import { t } from '../i18n';

const MAX_COUNT = 1_000_000;

function parseCount(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count > MAX_COUNT) throw new InvalidArgumentError(t('demo.badCount'));
  return count;
}

function parseSeed(text: string): number {
  if (!/^-?\d{1,15}$/.test(text)) throw new InvalidArgumentError(t('demo.badSeed'));
  return Number(text);
}

export interface DemoCommandOptions {
  data: string;
  count: number;
  seed: number;
  force: boolean;
}

export async function runDemo(options: DemoCommandOptions): Promise<DemoSummary> {
  // On a terminal only: piped stderr stays free of control sequences.
  const bar = new SingleBar(
    { format: '{phase} [{bar}] {value}/{total} | {duration_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let phase: DemoPhase | null = null;
  try {
    const summary = await generateDemo({
      dataDir: options.data,
      count: options.count,
      seed: options.seed,
      force: options.force,
      onProgress: (progress) => {
        const label = t(`demo.phases.${progress.phase}`);
        if (phase === null) bar.start(progress.total, progress.done, { phase: label });
        else if (phase !== progress.phase) bar.setTotal(progress.total);
        phase = progress.phase;
        bar.update(progress.done, { phase: label });
      },
    });
    bar.stop();
    const { pki } = summary;
    process.stdout.write(`${t('signing.demoPki', { p12: pki.p12Path, ca: pki.caPath, password: DEMO_P12_PASSWORD, interpolation: { escapeValue: false } })}\n`);
    process.stdout.write(
      `${t('demo.summary', {
        count: summary.dossiers,
        blobs: summary.blobs,
        path: summary.dataDir,
        seconds: (summary.elapsedMs / 1000).toFixed(1),
        megabytes: (summary.bytes / 1_048_576).toFixed(1),
        interpolation: { escapeValue: false },
      })}\n`,
    );
    return summary;
  } catch (error) {
    bar.stop();
    throw error;
  }
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(t('demo.description'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .requiredOption('--count <n>', t('demo.count'), parseCount)
    .option('--seed <s>', t('demo.seed'), parseSeed, DEFAULT_DEMO_SEED)
    .option('--force', t('demo.force'), false)
    .action(async (options: DemoCommandOptions) => {
      await runDemo(options);
    });
}
