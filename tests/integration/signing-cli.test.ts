/** `relais sign` as a user runs it: the password only from an environment variable, never echoed. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, nssDatabaseTrusting, TEST_P12_PASSWORD, type TestPki } from '../fixtures/pki';
import { pdfsigReport } from '../fixtures/pdfsig';
import { createSoftHsm, SOFTHSM_MODULE, TEST_PIN, type SoftHsm } from '../fixtures/softhsm';
import { relais } from './relais-process';

let pki: TestPki;
let nssDir: string;
let dir: string;
let input: string;
let hsm: SoftHsm;
beforeAll(async () => {
  pki = await createTestPki();
  hsm = createSoftHsm([{ label: 'Carte ECDSA', signer: pki.ecdsa, chain: [pki.ca] }]);
  nssDir = nssDatabaseTrusting(pki.ca.certPem);
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-sign-cli-'));
  input = path.join(dir, 'acte.pdf');
  const doc = await PDFDocument.create();
  doc.addPage();
  writeFileSync(input, await doc.save());
});
afterAll(() => {
  hsm?.cleanup();
  pki?.cleanup();
  rmSync(dir, { recursive: true, force: true });
  rmSync(nssDir, { recursive: true, force: true });
});

const signer = ['--signer-name', 'Camille Martin', '--signer-title', 'Préfète de région'];

describe('relais sign', () => {
  it('signs with a PKCS#12 file whose password is in the named variable, then countersigns', () => {
    const once = path.join(dir, 'signe.pdf');
    const twice = path.join(dir, 'contresigne.pdf');
    const first = relais(['sign', '--in', input, '--out', once, '--p12', pki.rsa.p12Path, '--password-env', 'RELAIS_P12_PASSWORD', ...signer], 'fr', { RELAIS_P12_PASSWORD: TEST_P12_PASSWORD });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`PDF signé par Camille Martin : ${once}`);
    const second = relais(['sign', '--in', once, '--out', twice, '--p12', pki.ecdsa.p12Path, '--password-env', 'RELAIS_P12_PASSWORD', ...signer], 'fr', { RELAIS_P12_PASSWORD: TEST_P12_PASSWORD });
    expect(second.status).toBe(0);
    const report = pdfsigReport(readFileSync(twice), nssDir);
    expect(report.signatures.map((signature) => [signature.signerName, signature.valid, signature.trusted]), report.output).toEqual([
      ['Camille Martin', true, true],
      ['Dominique Bernard', true, true],
    ]);
    for (const run of [first, second]) expect(run.stdout + run.stderr).not.toContain(TEST_P12_PASSWORD);
  });

  it('signs with a PKCS#11 token, in the first slot holding one or in the slot given, the PIN from its variable', () => {
    const { slot } = hsm.tokens['Carte ECDSA']!;
    for (const slotArgs of [[], ['--slot', String(slot)]]) {
      const out = path.join(dir, `carte-${slotArgs.length}.pdf`);
      const run = relais(['sign', '--in', input, '--out', out, '--pkcs11-module', SOFTHSM_MODULE, ...slotArgs, '--pin-env', 'RELAIS_PIN', ...signer], 'fr', { RELAIS_PIN: TEST_PIN });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const report = pdfsigReport(readFileSync(out), nssDir);
      expect(report.signatures.map((signature) => [signature.signerName, signature.valid, signature.trusted]), report.output).toEqual([['Dominique Bernard', true, true]]);
    }
  });

  it('fails in French on a wrong PIN, never printing it', () => {
    const run = relais(['sign', '--in', input, '--out', path.join(dir, 'pin.pdf'), '--pkcs11-module', SOFTHSM_MODULE, '--pin-env', 'RELAIS_PIN', ...signer], 'fr', { RELAIS_PIN: '987654' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PIN/);
    expect(run.stdout + run.stderr).not.toContain('987654');
  });

  it('says so when the signed PDF cannot be written, leaving no partial file', () => {
    const out = path.join(dir, 'absent', 'signe.pdf');
    const run = relais(['sign', '--in', input, '--out', out, '--p12', pki.rsa.p12Path, '--password-env', 'RELAIS_P12_PASSWORD', ...signer], 'fr', { RELAIS_P12_PASSWORD: TEST_P12_PASSWORD });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Le PDF signé ne peut pas être écrit dans ${out}`);
  });

  const failures: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ['a password variable that is not set', ['--p12', '{rsa}', '--password-env', 'RELAIS_ABSENT_PASSWORD'], {}, /la variable d’environnement RELAIS_ABSENT_PASSWORD n’est pas définie ou est vide/],
    ['a wrong password', ['--p12', '{rsa}', '--password-env', 'RELAIS_P12_PASSWORD'], { RELAIS_P12_PASSWORD: 'pas-le-bon' }, /Le mot de passe du fichier de certificat est incorrect/],
    ['an expired certificate', ['--p12', '{expired}', '--password-env', 'RELAIS_P12_PASSWORD'], { RELAIS_P12_PASSWORD: TEST_P12_PASSWORD }, /Le certificat de Certificat Expiré a expiré/],
    ['neither a file nor a card', [], {}, /indiquez soit --p12 avec --password-env, soit --pkcs11-module avec --pin-env/],
    ['both a file and a card', ['--p12', '{rsa}', '--password-env', 'X', '--pkcs11-module', '/usr/lib/softhsm/libsofthsm2.so', '--pin-env', 'Y'], { X: 'secret-du-fichier', Y: 'secret-de-la-carte' }, /indiquez soit --p12/],
    ['an input that is not a PDF', ['--p12', '{rsa}', '--password-env', 'RELAIS_P12_PASSWORD', '--in', '{cert}'], { RELAIS_P12_PASSWORD: TEST_P12_PASSWORD }, /n’est pas un PDF lisible/],
    ['an input that does not exist', ['--p12', '{rsa}', '--password-env', 'RELAIS_P12_PASSWORD', '--in', '/nonexistent/acte.pdf'], { RELAIS_P12_PASSWORD: TEST_P12_PASSWORD }, /Le fichier \/nonexistent\/acte\.pdf ne peut pas être lu/],
  ];
  it.each(failures)('fails in French, writing nothing, on %s', (_label, args, env, message) => {
    const out = path.join(dir, `refuse-${Math.random().toString(36).slice(2)}.pdf`);
    const filled = args.map((arg) => arg.replace('{rsa}', pki.rsa.p12Path).replace('{expired}', pki.expired.p12Path).replace('{cert}', pki.rsa.certPath));
    const inputArgs = filled.includes('--in') ? [] : ['--in', input];
    const run = relais(['sign', ...inputArgs, '--out', out, ...filled, ...signer], 'fr', env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    for (const secret of Object.values(env)) expect(run.stdout + run.stderr).not.toContain(secret);
    expect(() => readFileSync(out)).toThrow();
  });
});
