/**
 * `relais dossier show --data DIR ID [--json]`: one dossier as `dossiers.get` returns it, with its
 * legal checks; as JSON for scripts, or as a short summary in the user's language.
 */
import type { Command } from 'commander';
import type { DossierDetail } from '../../../shared/contract';
import type { DossierCheck } from '../../../shared/domain/checks';
import { formatEuros } from '../../../shared/domain/money';
import { daysLeftPhrase, formatCalendarDate } from '../../../shared/i18n/phrases';
import { checkSentence } from '../../../shared/rules/checks/sentence';
import { EXIT_USAGE } from '../exit-codes';
import { cliLanguage, t } from '../i18n';
import { callChannel } from './call';

const language = cliLanguage();

function describeCheck(check: DossierCheck): string[] {
  const status = t(`checks.status.${check.status}`);
  const lines = [`  ${t('dossierCommand.check', { status, name: t(`checks.names.${check.id}`), sentence: checkSentence(t, check, language) })}`];
  if (check.due) {
    const date = formatCalendarDate(check.due, language);
    const { daysLeft } = check.params;
    // Days left only while the delay runs; a met deadline keeps its date.
    lines.push(`      ${t('checks.due')} ${typeof daysLeft === 'number' ? `${date}, ${daysLeftPhrase(t, daysLeft)}` : date}`);
  }
  lines.push(`      ${t('deadlines.basis', { basis: check.basis })}`);
  return lines;
}

function summary(dossier: DossierDetail): string {
  return [
    t('dossierCommand.heading', { number: dossier.number, demandeur: dossier.demandeur.raisonSociale }),
    t('dossierCommand.project', { title: dossier.projet.title, territory: dossier.projet.territoryName }),
    t('dossierCommand.state', { state: t(`states.${dossier.state}`), amount: formatEuros(dossier.finance.amountRequestedCents, language) }),
    '',
    t('checks.title'),
    ...dossier.checks.flatMap(describeCheck),
    t('checks.countedFrom', { date: formatCalendarDate(dossier.today, language) }),
  ].join('\n');
}

interface ShowOptions {
  data?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const dossier = program.command('dossier').description(t('dossierCommand.description'));
  dossier
    .command('show')
    .description(t('dossierCommand.show'))
    .argument('<id>', t('dossierCommand.id'))
    .option('--data <dir>', t('cli.options.data'))
    .option('--json', t('dossierCommand.json'))
    .action(async function (this: Command, id: string, options: ShowOptions) {
      if (!options.data) this.error(t('dossierCommand.missing'), { exitCode: EXIT_USAGE });
      const detail = (await callChannel(options.data, 'dossiers.get', { id })) as DossierDetail;
      process.stdout.write(`${options.json ? JSON.stringify(detail, null, 2) : summary(detail)}\n`);
    });
}
