/** The demonstration PKI `relais demo` writes: a PKCS#12 file real tools read, whose signatures its CA makes trusted. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MARK, DEMO_P12_PASSWORD, writeDemoPki } from '../../electron/core/signing/demo-pki';
import { openP12Signer } from '../../electron/core/signing/p12';
import { signPdf } from '../../electron/core/signing/pades';
import { parseCertificate, subjectName } from '../../electron/core/signing/signer';
import { nssDatabaseTrusting } from '../fixtures/pki';
import { pdfsigReport } from '../fixtures/pdfsig';
import { relais } from './relais-process';

const dirs: string[] = [];
const tmp = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('writeDemoPki', () => {
  it('writes a CA and a PKCS#12 signer marked as a demonstration, whose signature pdfsig finds valid and trusted', async () => {
    const dataDir = tmp('relais-demo-pki-');
    const { caPath, p12Path } = await writeDemoPki(dataDir, new Date());
    expect([caPath, p12Path]).toEqual([path.join(dataDir, 'trust', 'demo-ca.pem'), path.join(dataDir, 'demo-signataire.p12')]);

    const signer = await openP12Signer(readFileSync(p12Path), DEMO_P12_PASSWORD, new Date());
    expect(signer.certificates).toHaveLength(2);
    expect(subjectName(parseCertificate(signer.certificates[0]!))).toContain(DEMO_MARK);
    const doc = await PDFDocument.create();
    doc.addPage();
    const signed = await signPdf(await doc.save(), signer, { signerName: 'Camille Martin', signerTitle: 'Démonstration', signedAt: new Date() });
    const nssDir = nssDatabaseTrusting(readFileSync(caPath, 'utf8'));
    dirs.push(nssDir);
    const report = pdfsigReport(signed, nssDir);
    expect(report.signatures.map((signature) => [signature.valid, signature.trusted]), report.output).toEqual([[true, true]]);
    expect(report.signatures[0]!.signerName).toContain(DEMO_MARK);
  });

  it('is a PKCS#12 file that OpenSSL and NSS import, the key paired with its certificate', async () => {
    const { p12Path } = await writeDemoPki(tmp('relais-demo-pki-'), new Date());
    // openssl writes the -info lines on stderr.
    const info = spawnSync('openssl', ['pkcs12', '-in', p12Path, '-info', '-noout', '-passin', `pass:${DEMO_P12_PASSWORD}`], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    const leaf = execFileSync('openssl', ['pkcs12', '-in', p12Path, '-nokeys', '-clcerts', '-passin', `pass:${DEMO_P12_PASSWORD}`], { encoding: 'utf8' });
    expect(leaf).toContain('BEGIN CERTIFICATE');
    const nssDir = tmp('relais-demo-nss-');
    execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
    execFileSync('pk12util', ['-i', p12Path, '-d', `sql:${nssDir}`, '-W', DEMO_P12_PASSWORD], { stdio: 'pipe' });
    expect(execFileSync('certutil', ['-K', '-d', `sql:${nssDir}`], { encoding: 'utf8' })).toContain(DEMO_MARK);
  });

  it('comes with relais demo, which says where it is and its password', () => {
    const dataDir = tmp('relais-demo-cli-');
    const run = relais(['demo', '--data', dataDir, '--count', '3']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`le certificat de démonstration ${path.join(dataDir, 'demo-signataire.p12')} (mot de passe « demo »)`);
    expect(existsSync(path.join(dataDir, 'trust', 'demo-ca.pem'))).toBe(true);
  });
});
