/** `relais demo --data DIR --count N [--seed S] [--force]`: writes a demo case file, with a progress bar on stderr. */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_DEMO_SEED, generateDemo, type DemoPhase, type DemoSummary } from '../../core/demo/generate';
import { DEMO_P12_PASSWORD } from '../../core/signing/demo-pki';
import { t } from '../i18n';
import { phaseProgressBar } from '../progress';

const MAX_COUNT = 1_000_000;

export function parseCount(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count > MAX_COUNT) throw new InvalidArgumentError(t('demo.badCount'));
  return count;
}

export function parseSeed(text: string): number {
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
  const bar = phaseProgressBar<DemoPhase>((phase) => t(`demo.phases.${phase}`));
  try {
    const summary = await generateDemo({
      dataDir: options.data,
      count: options.count,
      seed: options.seed,
      force: options.force,
      onProgress: bar.update,
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
