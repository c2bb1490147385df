/**
 * `relais verify` as a maintainer runs it, in a real process: the blocks it prints per signature
 * in French and English, the JSON report, its exit codes (0 only for a file signed and untouched
 * since), and its messages for a missing file, a file that is not a PDF, a bad trust file and
 * bad arguments.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openP12Signer } from '../../electron/core/signing/p12';
import { signPdf } from '../../electron/core/signing/pades';
import { verifyPdf } from '../../electron/core/signing/verify';
import { createTestPki, TEST_P12_PASSWORD, type TestIdentity, type TestPki } from '../fixtures/pki';
import { relais } from './relais-process';
import { unsignedPdf, withByteFlipped } from './verify-fixtures';

let pki: TestPki;
let dir: string;
const files = { countersigned: '', altered: '', appended: '', unsigned: '', notPdf: '', badTrust: '' };
let countersignedBytes: Uint8Array;

const signedAt = [new Date('2026-11-26T10:15:30.000Z'), new Date('2026-11-27T16:02:05.000Z')] as const;

async function sign(pdf: Uint8Array, identity: TestIdentity, at: Date): Promise<Uint8Array> {
  const signer = await openP12Signer(identity.p12, TEST_P12_PASSWORD, new Date());
  try {
    return await signPdf(pdf, signer, { signerName: identity.commonName, signerTitle: 'Préfète de région', signedAt: at });
  } finally {
    await signer.close();
  }
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  pki = await createTestPki();
  dir = mkdtempSync(path.join(os.tmpdir(), 'relais-verify-cli-'));
  const first = await sign(await unsignedPdf(), pki.rsa, signedAt[0]);
  countersignedBytes = await sign(first, pki.ecdsa, signedAt[1]);
  files.countersigned = write('arrete-signe.pdf', countersignedBytes);
  files.altered = write('arrete-modifie.pdf', withByteFlipped(countersignedBytes, 300));
  files.appended = write('arrete-complete.pdf', Buffer.concat([countersignedBytes, Buffer.from('\n% ajout\n')]));
  files.unsigned = write('brouillon.pdf', await unsignedPdf());
  files.notPdf = write('photo.pdf', 'GIF89a not a PDF at all');
  files.badTrust = write('vide.pem', 'no certificate here\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  pki.cleanup();
});

describe('relais verify', () => {
  it('prints one block per signature in French, and exits 0 when every signature is intact', () => {
    const { status, stdout, stderr } = relais(['verify', files.countersigned, '--trust', pki.ca.certPath]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'Signature 1 sur 2 — champ « Signature 1 » — Valide',
      '  Signataire : Camille Martin',
      '  Date de signature : 26 novembre 2026 à 11:15:30 (heure de Paris)',
      '  Intégrité : intacte (les octets signés n’ont pas changé)',
      '  Portée : couvre le document tel qu’il a été signé ; seules des mises à jour incrémentales (contre-signatures) suivent',
      expect.stringMatching(/^ {2}Certificat : valide à la date de signature et aujourd’hui \(du .* au .*\), émis par C=FR, O=Relais tests, CN=Relais Test Root CA$/),
      '  Chaîne de confiance : approuvée (elle mène à une autorité de confiance)',
      '',
      'Signature 2 sur 2 — champ « Signature 2 » — Valide',
      '  Signataire : Dominique Bernard',
      '  Date de signature : 27 novembre 2026 à 17:02:05 (heure de Paris)',
      '  Intégrité : intacte (les octets signés n’ont pas changé)',
      '  Portée : couvre tout le document',
      expect.stringMatching(/^ {2}Certificat : valide/),
      '  Chaîne de confiance : approuvée (elle mène à une autorité de confiance)',
      '',
      'Résultat : les 2 signatures sont intactes.',
      '',
    ]);
  });

  it('speaks English, and says the chain is not trusted without the test root (the exit code stays 0: the signatures are intact)', () => {
    const { status, stdout } = relais(['verify', files.countersigned], 'en');
    expect(status).toBe(0);
    expect(stdout).toContain('Signature 1 of 2 — field “Signature 1” — To examine');
    expect(stdout).toContain('  Signing time: 26 November 2026 at 11:15:30 (Paris time)');
    expect(stdout).toContain('  Chain of trust: not trusted (it leads to no trust anchor');
    expect(stdout).toContain('Result: all 2 signatures are intact.');
  });

  it('reads the trust anchors of a case file folder given with --data, and refuses a folder without a case file', () => {
    const data = path.join(dir, 'case');
    const wrong = relais(['verify', files.countersigned, '--data', data]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe(`Aucun dossier de travail dans ${data}. Créez-en un avec « relais demo --data ${data} ».\n`);
    mkdirSync(path.join(data, 'trust'), { recursive: true });
    writeFileSync(path.join(data, 'relais.sqlite'), '');
    writeFileSync(path.join(data, 'trust', 'demo-ca.pem'), pki.ca.certPem);
    const { status, stdout } = relais(['verify', files.countersigned, '--data', data]);
    expect(status).toBe(0);
    expect(stdout.match(/Chaîne de confiance : approuvée/g)).toHaveLength(2);
  });

  it('prints the report as JSON with --json, the same as verifyPdf gives', async () => {
    const { status, stdout } = relais(['verify', files.countersigned, '--json', '--trust', pki.ca.certPath]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(await verifyPdf(countersignedBytes, { trustAnchors: [pki.ca.certDer], now: new Date() }));
  });

  it('exits 1 when a signed byte changed, saying which signatures are altered and why', () => {
    const { status, stdout } = relais(['verify', files.altered, '--trust', pki.ca.certPath]);
    expect(status).toBe(1);
    expect(stdout).toContain('Signature 1 sur 2 — champ « Signature 1 » — Altérée');
    expect(stdout).toContain('  Intégrité : altérée (le contenu signé a été modifié : son empreinte ne correspond plus)');
    expect(stdout).toContain('Résultat : 2 signatures sur 2 sont altérées.');
    expect(JSON.parse(relais(['verify', files.altered, '--json']).stdout)).toMatchObject({ allIntact: false });
  });

  it('exits 1 when bytes were added after the last signature, with a warning', () => {
    const { status, stdout } = relais(['verify', files.appended, '--trust', pki.ca.certPath]);
    expect(status).toBe(1);
    expect(stdout).toContain('Résultat : les 2 signatures sont intactes.\nAttention : le fichier a été modifié après la dernière signature');
  });

  it('exits 1 on a PDF without any signature: it vouches for nothing', () => {
    const { status, stdout } = relais(['verify', files.unsigned]);
    expect(status).toBe(1);
    expect(stdout).toBe('Ce fichier ne porte aucune signature électronique.\n');
    expect(JSON.parse(relais(['verify', files.unsigned, '--json']).stdout)).toMatchObject({ signatures: [], allIntact: true });
  });

  it.each([
    ['a missing file', () => [path.join(dir, 'absent.pdf')], 'Le fichier « ', 'est introuvable ou ne peut pas être lu'],
    ['a file that is not a PDF', () => [files.notPdf], 'Le fichier « photo.pdf » n’est pas un PDF lisible', ''],
    ['a trust file without a certificate', () => [files.countersigned, '--trust', files.badTrust], 'vide.pem', 'ne contient aucun certificat lisible'],
  ])('exits 1 with a clear sentence for %s', (_, args, first, second) => {
    const { status, stdout, stderr } = relais(['verify', ...args()]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(first);
    expect(stderr).toContain(second);
  });

  it('exits 2 with the usage for bad arguments, and documents its exit codes in its help', () => {
    const missing = relais(['verify']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Erreur : l’argument file manque.');
    const unknown = relais(['verify', files.countersigned, '--strict'], 'en');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--strict');
    const help = relais(['verify', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Codes de sortie : 0 si le fichier porte au moins une signature');
  });
});
