/**
 * Encryption at rest, as someone who copies the case file's folder would find it: a demo case
 * file, copied after a checkpoint and again while a session writes (live WAL), shows no SQLite
 * header, no company name, SIRET or e-mail of its applicants, and no PDF, in any byte of any
 * file; it opens with its key only, and never gets a new key over its data.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FILE_KEY_BYTES } from '../../../electron/core/db/cipher';
import { type CaseFileKeyStore, keyFileStore, readKeyId } from '../../../electron/core/db/key-store';
import { generateDemo } from '../../../electron/core/demo/generate';
import { importDossier } from '../../../electron/core/dossiers/import';
import { mutationCall, runMutations } from '../../../electron/core/mutations';
import { openSession } from '../../../electron/core/session';
import type { DossierImport } from '../../../shared/domain/dossier';
import { openCaseFileDb } from '../../fixtures/case-file-db';
import { makeDossier } from '../fixtures/core-dossiers';
import { relaisErrorOf } from '../fixtures/relais-error';

const work = mkdtempSync(path.join(os.tmpdir(), 'relais-at-rest-'));
const demo = path.join(work, 'demo');
let secrets: string[];

beforeAll(async () => {
  await generateDemo({ dataDir: demo, count: 4, seed: 11 });
  secrets = applicantSecrets(demo);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What an applicant would not want read off a lost laptop: company names, SIRETs, e-mails. */
function applicantSecrets(dataDir: string): string[] {
  const db = openCaseFileDb(dataDir, { readonly: true });
  try {
    const sources = db.prepare('SELECT json FROM dossier_source').pluck().all() as string[];
    const dossiers = sources.map((json) => JSON.parse(json) as DossierImport);
    const emails = sources.flatMap((json) => json.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? []);
    expect(emails.length).toBeGreaterThan(0);
    return [...new Set([...dossiers.flatMap((d) => [d.demandeur.raisonSociale, d.demandeur.siret]), ...emails])];
  } finally {
    db.close();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

/** Every byte of every file of the folder, searched for what must not be there. */
function expectNothingRevealed(dir: string, extraSecrets: string[] = []): void {
  const needles = [...secrets, ...extraSecrets].map((secret) => Buffer.from(secret, 'utf8'));
  const files = filesUnder(dir).filter((file) => !isDemoSigner(file));
  expect(files.some((file) => file.includes(`${path.sep}blobs${path.sep}`))).toBe(true);
  for (const file of files) {
    const bytes = readFileSync(file);
    expect(bytes.includes('SQLite format 3'), file).toBe(false);
    expect(bytes.includes('%PDF-'), file).toBe(false);
    for (const needle of needles) expect(bytes.includes(needle), `${file} holds ${needle.toString()}`).toBe(false);
  }
}

/** The demo signer's certificate and PKCS#12 name a made-up person, no applicant. */
function isDemoSigner(file: string): boolean {
  return /demo-signataire\.p12$|demo-ca\.pem$/.test(file);
}

function copyOf(name: string): string {
  const copy = path.join(work, name);
  cpSync(demo, copy, { recursive: true });
  return copy;
}

function folderFingerprint(dir: string): string[] {
  return filesUnder(dir).map((file) => `${path.relative(dir, file)} ${readFileSync(file).toString('base64')}`);
}

describe('encryption at rest', () => {
  it('a copied folder after a checkpoint reveals nothing of its applicants', () => {
    expect(existsSync(path.join(demo, 'relais.sqlite-wal')) && statSync(path.join(demo, 'relais.sqlite-wal')).size > 0).toBe(false);
    expectNothingRevealed(copyOf('checkpointed'));
  });

  it('a folder copied while a session writes (live WAL) reveals nothing either', () => {
    const dataDir = copyOf('live');
    const session = openSession({ dataDir, host: 'cli' });
    try {
      const dossier = makeDossier({ number: 990_001, raisonSociale: 'Fonderie Secrète du Vercors' });
      // One mutation, as the app makes them: it stays in the WAL until a checkpoint.
      runMutations(session.ctx, [mutationCall(importDossier, dossier)]);
      const wal = path.join(dataDir, 'relais.sqlite-wal');
      expect(statSync(wal).size).toBeGreaterThan(0);
      const snapshot = path.join(work, 'live-snapshot');
      cpSync(dataDir, snapshot, { recursive: true });
      expectNothingRevealed(snapshot, [dossier.demandeur.raisonSociale, dossier.demandeur.siret]);
    } finally {
      session.close();
    }
  });

  it('opens with its key only: a wrong key is a corrupt case file, a missing one says what to do; nothing is touched', () => {
    const dataDir = copyOf('keys');
    const id = readKeyId(dataDir)!;
    const before = folderFingerprint(dataDir);

    const wrongKeys: CaseFileKeyStore = { ...keyFileStore(), load: () => randomBytes(CASE_FILE_KEY_BYTES) };
    expect(relaisErrorOf(() => openSession({ dataDir, host: 'cli' }, wrongKeys)).code).toBe('case_file_corrupt');

    const noKeys = keyFileStore(mkdtempSync(path.join(work, 'no-keys-')));
    const missing = relaisErrorOf(() => openSession({ dataDir, host: 'cli', create: true }, noKeys));
    expect(missing.code).toBe('case_file_key_missing');
    expect(missing.params).toEqual({ path: dataDir, keyFile: noKeys.locate(id) });

    rmSync(path.join(dataDir, 'relais.key-id'));
    expect(relaisErrorOf(() => openSession({ dataDir, host: 'cli', create: true })).code).toBe('case_file_key_missing');
    expect(folderFingerprint(dataDir)).toEqual(before.filter((line) => !line.startsWith('relais.key-id ')));
  });

  it('gives a key to a case file whose creation was cut short before its key was named', () => {
    const dataDir = mkdtempSync(path.join(work, 'cut-short-'));
    writeFileSync(path.join(dataDir, 'relais.sqlite'), '');
    expect(relaisErrorOf(() => openSession({ dataDir, host: 'cli' })).code).toBe('case_file_missing');
    openSession({ dataDir, host: 'cli', create: true }).close();
    expect(readKeyId(dataDir)).not.toBeNull();
    openSession({ dataDir, host: 'cli' }).close();
  });

  it('files the key outside the folder, 0600 in a 0700 folder, named by the folder’s id', () => {
    const keyDir = process.env.RELAIS_KEY_DIR!;
    const keyFile = keyFileStore().locate(readKeyId(demo)!);
    expect(path.dirname(keyFile)).toBe(keyDir);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    // A moved folder still finds its key.
    const moved = path.join(work, 'moved');
    cpSync(demo, moved, { recursive: true });
    const session = openSession({ dataDir: moved, host: 'cli' });
    session.close();
  });
});
