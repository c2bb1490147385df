/**
 * `relais verify FILE [--json] [--trust PEM …] [--data DIR]`: the signatures of a PDF, one block
 * each (signer, time in Paris, integrity, coverage, certificate, chain), or the report as JSON.
 * Exits 0 only when the file carries at least one signature, all intact, with nothing added after
 * the last one: a script that gets 0 holds a document exactly as it was signed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CASE_FILE_NAME } from '../../core/db/open';
import { verifyPdf } from '../../core/signing/verify';
import { readPemCertificates, readTrustAnchors, trustAnchorFolders } from '../../core/signing/verification/trust-anchors';
import type { VerificationReport } from '../../../shared/domain/signature';
import { RelaisError } from '../../../shared/errors';
import { reportIntact, signatureFacts, signatureVerdict } from '../../../shared/i18n/verification-phrases';
import { EXIT_FAILURE } from '../exit-codes';
import { cliLanguage, t } from '../i18n';

interface VerifyOptions {
  json?: boolean;
  trust?: string[];
  data?: string;
}

async function verify(file: string, options: VerifyOptions): Promise<void> {
  const pdf = readInput(file);
  // A mistyped --data would silently drop its anchors and show trusted chains as untrusted.
  if (options.data && !existsSync(path.join(options.data, CASE_FILE_NAME))) throw new RelaisError('case_file_missing', { path: options.data });
  const trustAnchors = [...readTrustAnchors(trustAnchorFolders(options.data)), ...(options.trust ?? []).flatMap((pem) => readPemCertificates(path.resolve(pem)))];
  const report = await verifyPdf(pdf, { trustAnchors, now: new Date(), fileName: path.basename(file) });
  if (!reportIntact(report)) process.exitCode = EXIT_FAILURE;
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
}

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new RelaisError('verification_file_unreadable', { name: file });
  }
}

function describeReport(report: VerificationReport): string {
  const count = report.signatures.length;
  if (count === 0) return `${t('cli.verify.none')}\n`;
  const language = cliLanguage();
  const blocks = report.signatures.map((check, i) => {
    const verdict = t(`verification.verdict.${signatureVerdict(check)}`);
    const heading =
      check.fieldName === null
        ? t('cli.verify.headingNoField', { index: i + 1, count, verdict })
        : t('cli.verify.heading', { index: i + 1, count, field: check.fieldName, verdict });
    const facts = signatureFacts(t, check, language).map((fact) => `  ${t('cli.verify.fact', { label: fact.label, text: fact.text })}`);
    return [heading, ...facts].join('\n');
  });
  const altered = report.signatures.filter((check) => check.integrity === 'altered').length;
  const result = altered === 0 ? t('cli.verify.allIntact', { count }) : t('cli.verify.altered', { count: altered, total: count });
  const warning = report.changedAfterLastSignature ? [t('cli.verify.changedAfter')] : [];
  return `${[...blocks, [result, ...warning].join('\n')].join('\n\n')}\n`;
}

/** --trust may be given more than once. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  program
    .command('verify')
    .description(t('cli.verify.description'))
    .argument('<file>', t('cli.verify.file'))
    .option('--json', t('cli.verify.json'))
    .option('--trust <pem>', t('cli.verify.trust'), collect)
    .option('--data <dir>', t('cli.verify.data'))
    .addHelpText('after', `\n${t('cli.verify.exitCodes')}`)
    .action(verify);
}
