/**
 * A case file on a disk that fills up for real (a small tmpfs): changes go on until SQLite cannot
 * grow the file, then each one is refused as 'disk_full' with a sentence in French and in English;
 * a photo whose file cannot be written is refused the same way and leaves nothing behind. Nothing
 * acknowledged is lost, the case file stays intact, and once space is freed everything works again.
 */
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../electron/core/demo/random';
import { verifyJournal } from '../../../electron/core/mutations';
import { openSession, type Session } from '../../../electron/core/session';
import { createTranslator } from '../../../shared/i18n/translator';
import type { ErrorInfo } from '../../../shared/errors';
import { fillDisk, mountTmpfs, type Tmpfs } from '../../fixtures/tmpfs';
import { cameraJpeg } from '../fixtures/photos';
import { callChannel, callOk, randomText, seedDossiers } from './workload';

const DISK_BYTES = 6 * 1024 * 1024;
/** Kept on the disk from the start, removed to free space at the end. */
const BALLAST_BYTES = 1024 * 1024;

let disk: Tmpfs;
let session: Session;
let dataDir: string;

beforeAll(() => {
  disk = mountTmpfs(DISK_BYTES);
  dataDir = path.join(disk.dir, 'relais');
  session = openSession({ dataDir, host: 'cli', create: true });
  seedDossiers(session, 1);
});

afterAll(() => {
  session?.close();
  disk?.unmount();
});

const count = (table: string) => session.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const lastMutationId = () => session.ctx.db.prepare<[], string>('SELECT mutation_id FROM journal ORDER BY seq DESC LIMIT 1').pluck().get()!;

/** Left-over temporary files of interrupted blob writes. */
function blobTempFiles(): string[] {
  return readdirSync(session.ctx.blobs.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tmp'))
    .map((entry) => entry.name);
}

function folderBytes(): number {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

function expectIntact(acknowledged: readonly string[]): void {
  const { db } = session.ctx;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const journal = new Set(db.prepare<[], string>('SELECT mutation_id FROM journal').pluck().all());
  const outbox = new Set(db.prepare<[], string>('SELECT mutation_id FROM outbox').pluck().all());
  expect(acknowledged.filter((id) => !journal.has(id) || !outbox.has(id))).toEqual([]);
  expect(verifyJournal(db, { fromStart: true }).ok).toBe(true);
}

function expectDiskFullSentences(error: ErrorInfo): void {
  expect(error.code).toBe('disk_full');
  expect(createTranslator('fr').describe(error)).toMatch(/^Le disque est plein : la modification n’a pas été enregistrée/);
  expect(createTranslator('en').describe(error)).toMatch(/^The disk is full: the change was not saved/);
}

describe('a full disk', () => {
  it('refuses changes and photos clearly, loses nothing, and works again once space is freed', async () => {
    const random = new Random(11);
    const [{ id: dossierId }] = (await callOk(session, 'dossiers.list', {})).rows;
    const visit = await callOk(session, 'visits.create', { dossierId: dossierId! });
    const ballast = path.join(disk.dir, 'ballast');
    writeFileSync(ballast, Buffer.alloc(BALLAST_BYTES));

    // Notes of a few kilobytes each, until the case file cannot grow.
    const acknowledged = [lastMutationId()];
    let refused: ErrorInfo | null = null;
    for (let attempt = 0; attempt < 5_000 && !refused; attempt += 1) {
      const text = randomText(random, 8_000);
      const answer = await callChannel(session, 'annotations.add', { dossierId: dossierId!, target: { kind: 'note' }, text });
      if (answer.ok) acknowledged.push(lastMutationId());
      else refused = answer.error;
    }
    expect(refused, 'the disk never filled').not.toBeNull();
    expectDiskFullSentences(refused!);
    const journalEntries = count('journal');
    expect(acknowledged.length).toBeGreaterThan(10);
    console.info(`disk full after ${acknowledged.length} acknowledged changes; the case file folder holds ${folderBytes()} bytes`);
    expectIntact(acknowledged);

    // The last bytes taken too: a photo's file cannot be written.
    const topUp = path.join(disk.dir, 'top-up');
    fillDisk(topUp);
    const photo = { visitId: visit.id, name: 'façade.jpg', base64: (await cameraJpeg()).toString('base64') };
    const photoRefused = await callChannel(session, 'visits.addPhoto', photo);
    expect(photoRefused.ok).toBe(false);
    if (!photoRefused.ok) expectDiskFullSentences(photoRefused.error);
    expect(count('visit_photo')).toBe(0);
    expect(count('journal')).toBe(journalEntries);
    expect(blobTempFiles()).toEqual([]);
    expectIntact(acknowledged);

    // Space freed: the same changes go through.
    rmSync(topUp);
    rmSync(ballast);
    const note = await callOk(session, 'annotations.add', { dossierId: dossierId!, target: { kind: 'note' }, text: 'Après avoir libéré de la place.' });
    acknowledged.push(lastMutationId());
    const added = await callOk(session, 'visits.addPhoto', photo);
    acknowledged.push(lastMutationId());
    expect(session.ctx.blobs.read(added.sha256).byteLength).toBe(added.sizeBytes);
    expect(note.text).toBe('Après avoir libéré de la place.');
    expectIntact(acknowledged);

    // And the case file opens again as the next start finds it.
    session.close();
    session = openSession({ dataDir, host: 'cli' });
    expectIntact(acknowledged);
  });
});
