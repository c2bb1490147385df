/**
 * `relais sign --in FILE --out FILE (--p12 FILE --password-env VAR | --pkcs11-module LIB [--slot N]
 * --pin-env VAR) --signer-name NAME --signer-title TITLE`: a visible PAdES signature, added as an
 * incremental update (a signed PDF is countersigned). The password or PIN is read only from the
 * named environment variable, so that it shows in no command line, history or process list.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { openP12Signer } from '../../core/signing/p12';
import { signPdf } from '../../core/signing/pades';
import { listPkcs11Slots, openPkcs11Signer } from '../../core/signing/pkcs11';
import { parseCertificate, subjectName, type Signer } from '../../core/signing/signer';
import { EXIT_FAILURE, EXIT_USAGE } from '../exit-codes';
import { t } from '../i18n';

interface SignOptions {
  in: string;
  out: string;
  p12?: string;
  passwordEnv?: string;
  pkcs11Module?: string;
  slot?: number;
  pinEnv?: string;
  signerName: string;
  signerTitle: string;
  delegation?: string;
  reason?: string;
  location?: string;
}

class CommandFailure extends Error {}

function parseSlot(text: string): number {
  const slot = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(slot)) throw new InvalidArgumentError(t('cli.sign.badSlot'));
  return slot;
}

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CommandFailure(t('cli.sign.unreadable', { path, message: (error as Error).message }));
  }
}

/** Writes beside the target then renames: an interrupted run never leaves half a PDF under the final name. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new CommandFailure(t('cli.sign.unwritable', { path, message: (error as Error).message }));
  }
}

async function sign(command: Command, options: SignOptions): Promise<void> {
  const secretOf = (variable: string) => {
    const secret = process.env[variable];
    if (!secret) command.error(t('cli.sign.secretMissing', { variable }), { exitCode: EXIT_USAGE });
    return secret;
  };
  let open: () => Promise<Signer>;
  if (options.p12 && options.passwordEnv && !options.pkcs11Module) {
    const [p12, password] = [readFile(options.p12), secretOf(options.passwordEnv)];
    open = () => openP12Signer(p12, password, new Date());
  } else if (options.pkcs11Module && options.pinEnv && !options.p12) {
    const [modulePath, pin] = [options.pkcs11Module, secretOf(options.pinEnv)];
    const slot = options.slot ?? listPkcs11Slots(modulePath)[0]?.slot;
    if (slot === undefined) throw new CommandFailure(t('cli.sign.noToken', { module: modulePath }));
    open = () => openPkcs11Signer({ modulePath, slot, pin, now: new Date() });
  } else {
    return command.error(t('cli.sign.chooseOne'), { exitCode: EXIT_USAGE });
  }
  const pdf = readFile(options.in);
  const signer = await open();
  try {
    const signed = await signPdf(pdf, signer, {
      signerName: options.signerName,
      signerTitle: options.signerTitle,
      delegation: options.delegation ?? null,
      signedAt: new Date(),
      reason: options.reason,
      location: options.location,
    });
    writeAtomically(options.out, signed);
    const certificate = signer.certificates[0];
    const signerLabel = certificate ? subjectName(parseCertificate(certificate)) : options.signerName;
    process.stdout.write(`${t('cli.sign.done', { signer: signerLabel, path: options.out })}\n`);
  } finally {
    await signer.close();
  }
}

export function register(program: Command): void {
  program
    .command('sign')
    .description(t('cli.sign.description'))
    .requiredOption('--in <file>', t('cli.sign.in'))
    .requiredOption('--out <file>', t('cli.sign.out'))
    .option('--p12 <file>', t('cli.sign.p12'))
    .option('--password-env <variable>', t('cli.sign.passwordEnv'))
    .option('--pkcs11-module <library>', t('cli.sign.pkcs11Module'))
    .option('--slot <number>', t('cli.sign.slot'), parseSlot)
    .option('--pin-env <variable>', t('cli.sign.pinEnv'))
    .requiredOption('--signer-name <name>', t('cli.sign.signerName'))
    .requiredOption('--signer-title <title>', t('cli.sign.signerTitle'))
    .option('--delegation <text>', t('cli.sign.delegation'))
    .option('--reason <text>', t('cli.sign.reason'))
    .option('--location <text>', t('cli.sign.location'))
    .action(async function (this: Command, options: SignOptions) {
      try {
        await sign(this, options);
      } catch (error) {
        if (!(error instanceof CommandFailure)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    });
}
