/**
 * `relais decision render --data DIR --dossier ID --type TYPE --out FILE [--amount-cents N]
 * [--motivation TEXT]`: the act a dossier would get, prefilled as the desk does, written as its
 * PDF/A. What a proposal would refuse (a refusal without reasons, an amount above the request or
 * the ceiling…) is refused here too, each reason said, exit 1.
 */
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DECISION_TYPES, type DecisionContent, type DecisionType } from '../../../shared/domain/decision';
import { proposalProblems } from '../../../shared/rules/decisions';
import { problemSentence } from '../../../shared/rules/decisions/sentence';
import { prefillDecision } from '../../core/decisions/prefill';
import { renderDecisionPdf } from '../../core/decisions/render';
import { instructionFactsOf, storedDossier } from '../../core/instruction/facts';
import { openSession } from '../../core/session';
import { EXIT_FAILURE, EXIT_USAGE } from '../exit-codes';
import { cliLanguage, t } from '../i18n';

interface RenderOptions {
  data: string;
  dossier: string;
  type: DecisionType;
  out: string;
  amountCents?: number;
  motivation?: string;
}

function parseCents(text: string): number {
  const cents = Number(text);
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(cents)) throw new InvalidArgumentError(t('cli.decision.badAmount'));
  return cents;
}

/** The amount sets the rate it is of the eligible expenditure; the motivation goes where the type says. */
function withOptions(content: DecisionContent, options: RenderOptions): DecisionContent {
  const motivation = options.motivation?.trim();
  switch (content.type) {
    case 'attribution': {
      if (options.amountCents === undefined) return { ...content, remarks: motivation ?? content.remarks };
      const base = content.eligibleExpenditureCents;
      const rate = base === 0 ? 1 : Math.min(10_000, Math.max(1, Math.round((options.amountCents * 10_000) / base)));
      return { ...content, amountCents: options.amountCents, rateBasisPoints: rate, remarks: motivation ?? content.remarks };
    }
    case 'refus':
      return { ...content, reasonsOfFact: motivation ?? content.reasonsOfFact };
    case 'sans-suite':
      return { ...content, reason: motivation ?? content.reason };
    default:
      return { ...content, remarks: motivation ?? content.remarks };
  }
}

async function render(this: Command, options: RenderOptions): Promise<void> {
  if (options.amountCents !== undefined && options.type !== 'attribution') {
    this.error(t('cli.decision.amountOnlyForAttribution'), { exitCode: EXIT_USAGE });
  }
  const session = openSession({ dataDir: options.data, host: 'cli' });
  const now = session.ctx.clock();
  let content: DecisionContent;
  try {
    const { seq, dossier } = storedDossier(session.ctx.db, options.dossier);
    content = withOptions(prefillDecision(session.ctx, options.dossier, options.type), options);
    const problems = proposalProblems(content, dossier, instructionFactsOf(session.ctx.db, seq));
    if (problems.length > 0) {
      const language = cliLanguage();
      const reasons = problems.map((problem) => `  – ${problemSentence(t, problem, language)}`);
      process.stderr.write(`${t('cli.decision.refused', { count: problems.length })}\n${reasons.join('\n')}\n`);
      process.exitCode = EXIT_FAILURE;
      return;
    }
  } finally {
    session.close();
  }
  const pdf = await renderDecisionPdf(content, { now, data: content });
  writeFileSync(options.out, pdf);
  process.stdout.write(`${t('cli.decision.written', { type: t(`decisions.types.${content.type}`), reference: content.reference, file: options.out })}\n`);
}

export function register(program: Command): void {
  program
    .command('decision')
    .description(t('cli.decision.description'))
    .command('render')
    .description(t('cli.decision.render'))
    .requiredOption('--data <dir>', t('cli.options.data'))
    .requiredOption('--dossier <id>', t('cli.decision.dossier'))
    .addOption(new Option('--type <type>', t('cli.decision.type')).choices(DECISION_TYPES).makeOptionMandatory())
    .requiredOption('--out <file>', t('cli.decision.out'))
    .option('--amount-cents <n>', t('cli.decision.amountCents'), parseCents)
    .option('--motivation <text>', t('cli.decision.motivation'))
    .action(render);
}
