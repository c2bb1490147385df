import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelaisError } from '../../../shared/errors';
import { exportCaseFile } from '../../../electron/core/backup/export';
import { importCaseFile } from '../../../electron/core/backup/import';
import { listBackups } from '../../../electron/core/backup/folder';
import { markerOf, newKeyedCaseFile, openKeyedCaseFile, setMarker, type KeyedCaseFile } from './keyed-case-file';

const PASSPHRASE = 'correct horse battery staple';
const PHOTO = Buffer.from('ACME-PHOTO-BYTES '.repeat(500));
const REPORT = Buffer.from('%PDF-1.7 ACME-REPORT-BYTES');

let source: KeyedCaseFile;
let target: KeyedCaseFile;
let exported: string;

async function errorCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return error instanceof RelaisError ? error.code : `not a RelaisError: ${String(error)}`;
  }
  return undefined;
}

function importInto(file: KeyedCaseFile, exportFile: string, passphrase = PASSPHRASE) {
  const holder = { db: file.db, dataDir: file.dataDir };
  return importCaseFile(holder, exportFile, passphrase, {
    key: file.key,
    blobs: file.blobs,
    reopen: () => openKeyedCaseFile(file.dataDir, file.key),
  }).then((result) => {
    file.db = holder.db;
    return result;
  });
}

beforeAll(async () => {
  source = newKeyedCaseFile('relais-export-source-');
  setMarker(source.db, 'ACME-SECRET-MARKER');
  source.blobs.put(PHOTO);
  source.blobs.put(REPORT);
  exported = path.join(source.dataDir, 'handover.relais');
  const progress: number[] = [];
  const result = await exportCaseFile({ db: source.db, key: source.key, blobs: source.blobs, relaisVersion: '0.1.0' }, exported, PASSPHRASE, (p) =>
    progress.push(p.doneBytes / p.totalBytes),
  );
  expect(result.blobCount).toBe(2);
  expect(progress.at(-1)).toBe(1);
  target = newKeyedCaseFile('relais-import-target-');
  setMarker(target.db, 'target before import');
});
afterAll(() => {
  for (const file of [source, target]) if (file?.db.open) file.db.close();
});

describe('export and import of a whole case file', () => {
  it('the export is one age file that reveals nothing without the passphrase', () => {
    const bytes = readFileSync(exported);
    expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
    for (const secret of ['ACME-SECRET-MARKER', 'ACME-PHOTO-BYTES', 'ACME-REPORT-BYTES', 'SQLite format 3', 'relais.sqlite']) {
      expect(bytes.includes(secret)).toBe(false);
    }
    expect(readdirSync(source.dataDir).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it('imports into a folder with another key: the case file and its blobs come over, the state before is backed up', async () => {
    const { manifest, before } = await importInto(target, exported);
    expect(manifest).toMatchObject({ format: 'relais-case-file-export', blobCount: 2, relaisVersion: '0.1.0' });
    expect(markerOf(target.db)).toBe('ACME-SECRET-MARKER');
    expect(target.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(target.blobs.read(source.blobs.put(PHOTO).sha256).equals(PHOTO)).toBe(true);
    expect(target.blobs.read(source.blobs.put(REPORT).sha256).equals(REPORT)).toBe(true);
    expect(before.reason).toBe('before-import');
    expect(listBackups(target.dataDir).map((b) => b.name)).toContain(before.name);
    // The imported case file is under the target's key, not the export's nor the source's.
    expect(() => openKeyedCaseFile(target.dataDir, source.key)).toThrow(RelaisError);
  });

  it('a wrong passphrase, a cut-short file and a file of another kind are clear errors that change nothing', async () => {
    const other = newKeyedCaseFile('relais-import-refused-');
    try {
      setMarker(other.db, 'untouched');
      expect(await errorCode(() => importInto(other, exported, 'not the passphrase'))).toBe('export_wrong_passphrase');

      const truncated = path.join(other.dataDir, 'truncated.relais');
      const bytes = readFileSync(exported);
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      expect(await errorCode(() => importInto(other, truncated))).toBe('export_damaged');

      const flipped = Buffer.from(bytes);
      flipped[flipped.length - 100] ^= 0xff;
      const damaged = path.join(other.dataDir, 'damaged.relais');
      writeFileSync(damaged, flipped);
      expect(await errorCode(() => importInto(other, damaged))).toBe('export_damaged');

      const notAnExport = path.join(other.dataDir, 'notes.relais');
      writeFileSync(notAnExport, 'just some notes');
      expect(await errorCode(() => importInto(other, notAnExport))).toBe('export_damaged');

      expect(markerOf(other.db)).toBe('untouched');
      expect(listBackups(other.dataDir)).toEqual([]);
      expect(readdirSync(other.dataDir).filter((name) => name.startsWith('.relais-'))).toEqual([]);
    } finally {
      other.db.close();
    }
  });

  it('a short passphrase is refused before anything is written', async () => {
    const to = path.join(source.dataDir, 'weak.relais');
    expect(await errorCode(() => exportCaseFile({ db: source.db, key: source.key, blobs: source.blobs, relaisVersion: '0.1.0' }, to, 'short'))).toBe(
      'export_passphrase_weak',
    );
    expect(readdirSync(source.dataDir)).not.toContain('weak.relais');
  });
});
