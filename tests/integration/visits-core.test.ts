/**
 * Site visits through the contract on a real case file: reports created and autosaved as
 * journaled mutations, a stale save refused, photos imported as blobs and listed, bad photos
 * leaving nothing behind, and a full disk reported as such, during an autosave as during an import.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { verifyJournal } from '../../electron/core/mutations';
import { visitChecklist } from '../../electron/core/reference/programme';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';
import { cameraJpeg } from './fixtures/photos';

let t: TestContext;
let dossierId: string;

function count(table: string): number {
  return t.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

function storedFiles(): string[] {
  const root = t.ctx.blobs.root;
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

function journal(): Array<{ name: string; dossier_id: string | null; before: string; after: string }> {
  return t.ctx.db.prepare('SELECT name, dossier_id, before, after FROM journal WHERE name LIKE ? ORDER BY seq').all('visit.%') as never;
}

function outboxNames(): string[] {
  return t.ctx.db.prepare("SELECT name FROM outbox WHERE name LIKE 'visit.%' ORDER BY client_seq").pluck().all() as string[];
}

beforeEach(() => {
  t = createTestContext();
  const dossier = makeDossier({ number: 501, raisonSociale: 'Fonderie Martin' });
  importDossiers(t.ctx, [dossier]);
  dossierId = dossier.id;
});
afterEach(() => t.dispose());

describe('visit reports', () => {
  it('start empty, list with the programme checklist, and are journaled and queued for the hub', async () => {
    const visit = await t.call('visits.create', { dossierId });
    expect(visit).toMatchObject({ dossierId, version: 1, date: null, place: '', participants: [], checklist: {}, photos: [], createdBy: 'Camille Instructrice' });
    const list = await t.call('visits.list', { dossierId });
    expect(list.visits.map((v) => v.id)).toEqual([visit.id]);
    expect(list.checklist.map((item) => item.id)).toEqual(visitChecklist().map((item) => item.id));
    expect(list.checklist.length).toBeGreaterThan(3);
    expect(journal()).toMatchObject([{ name: 'visit.create', dossier_id: dossierId }]);
    expect(outboxNames()).toEqual(['visit.create']);
  });

  it('save the fields that changed, one journal entry each time with before and after', async () => {
    const visit = await t.call('visits.create', { dossierId });
    const [item] = visitChecklist();
    t.setNow('2026-03-16T08:30:00.000Z');
    const saved = await t.call('visits.update', {
      visitId: visit.id,
      expectedVersion: 1,
      changes: {
        date: '2026-03-16',
        place: 'Usine de Golbey',
        participants: [{ name: 'Marie Martin', role: 'Directrice, Fonderie Martin' }],
        checklist: { [item.id]: { status: 'ok', remark: 'Adresse conforme' } },
      },
    });
    expect(saved).toMatchObject({ version: 2, date: '2026-03-16', place: 'Usine de Golbey', updatedAt: '2026-03-16T08:30:00.000Z' });
    expect(saved.checklist[item.id]).toEqual({ status: 'ok', remark: 'Adresse conforme' });

    const again = await t.call('visits.update', { visitId: visit.id, expectedVersion: 2, changes: { observations: 'Four en place.', place: 'Usine de Golbey' } });
    expect(again).toMatchObject({ version: 3, observations: 'Four en place.', place: 'Usine de Golbey', participants: saved.participants });
    const updates = journal().filter((entry) => entry.name === 'visit.update');
    expect(updates).toHaveLength(2);
    // Only what changed is recorded: the place was sent again, unchanged.
    expect(JSON.parse(updates[1].before)).toEqual({ observations: '' });
    expect(JSON.parse(updates[1].after)).toEqual({ observations: 'Four en place.' });
    expect(outboxNames()).toEqual(['visit.create', 'visit.update', 'visit.update']);
  });

  it('leave no journal entry when an autosave changes nothing', async () => {
    const visit = await t.call('visits.create', { dossierId });
    const same = await t.call('visits.update', { visitId: visit.id, expectedVersion: 1, changes: { place: '', observations: '' } });
    expect(same.version).toBe(1);
    expect(journal().map((entry) => entry.name)).toEqual(['visit.create']);
  });

  it('refuse a save made from an older version (another window saved first), keeping the newer one', async () => {
    const visit = await t.call('visits.create', { dossierId });
    await t.call('visits.update', { visitId: visit.id, expectedVersion: 1, changes: { observations: 'Fenêtre A' } });
    const error = await t.failure('visits.update', { visitId: visit.id, expectedVersion: 1, changes: { observations: 'Fenêtre B' } });
    expect(error).toMatchObject({ code: 'visit_conflict', params: { version: 2, expected: 1 } });
    expect((await t.call('visits.list', { dossierId })).visits[0].observations).toBe('Fenêtre A');
    // The second window saves its text on purpose, over the version it now knows.
    expect((await t.call('visits.update', { visitId: visit.id, expectedVersion: 2, changes: { observations: 'Fenêtre B' } })).observations).toBe('Fenêtre B');
  });

  it('refuse checklist items the programme does not have, and unknown visits or dossiers', async () => {
    const visit = await t.call('visits.create', { dossierId });
    const unknownItem = await t.failure('visits.update', { visitId: visit.id, expectedVersion: 1, changes: { checklist: { no_such_item: { status: 'ok', remark: '' } } } });
    expect(unknownItem.code).toBe('invalid_arguments');
    expect(unknownItem.issues?.[0].path).toBe('changes.checklist.no_such_item');
    expect((await t.failure('visits.create', { dossierId: '01890000-0000-7000-8000-000000000000' })).code).toBe('not_found');
    expect((await t.failure('visits.update', { visitId: '01890000-0000-7000-8000-000000000000', expectedVersion: 1, changes: { place: 'x' } })).code).toBe('not_found');
    expect((await t.failure('visits.update', { visitId: visit.id, expectedVersion: 1, changes: {} })).code).toBe('invalid_arguments');
  });

  it('on a full disk during an autosave: a clear error, and the previous state intact', async () => {
    const visit = await t.call('visits.create', { dossierId });
    await t.call('visits.update', { visitId: visit.id, expectedVersion: 1, changes: { observations: 'Version courte' } });
    const journalBefore = count('journal');
    // The case file may not grow by one page more: SQLite answers SQLITE_FULL, as on a full disk.
    t.ctx.db.pragma(`max_page_count = ${t.ctx.db.pragma('page_count', { simple: true }) as number}`);
    const long = Array.from({ length: 3_000 }, (_, i) => `mot${i}`).join(' ').slice(0, 19_000);
    const error = await t.failure('visits.update', { visitId: visit.id, expectedVersion: 2, changes: { observations: long } });
    t.ctx.db.pragma('max_page_count = 1073741823');
    expect(error.code).toBe('disk_full');
    const [kept] = (await t.call('visits.list', { dossierId })).visits;
    expect(kept).toMatchObject({ version: 2, observations: 'Version courte' });
    expect(count('journal')).toBe(journalBefore);
    expect(verifyJournal(t.ctx.db, { fromStart: true }).ok).toBe(true);
  });

  it('are kept per dossier, oldest first', async () => {
    const first = await t.call('visits.create', { dossierId });
    t.setNow('2026-03-20T10:00:00.000Z');
    const second = await t.call('visits.create', { dossierId });
    expect((await t.call('visits.list', { dossierId })).visits.map((v) => v.id)).toEqual([first.id, second.id]);
  });
});

describe('visit photos', () => {
  it('are stored as blobs (photo and thumbnail), listed with their date and position, and removable', async () => {
    const visit = await t.call('visits.create', { dossierId });
    const photo = await t.call('visits.addPhoto', { visitId: visit.id, name: 'IMG_0042.JPG', base64: (await cameraJpeg()).toString('base64') });
    expect(photo).toMatchObject({ visitId: visit.id, name: 'IMG_0042.JPG', mimeType: 'image/jpeg', width: 40, height: 60, takenAt: '2026-03-10T14:22:01' });
    expect(photo.gps?.latitude).toBeCloseTo(48.175, 6);
    expect(t.ctx.blobs.has(photo.sha256) && t.ctx.blobs.has(photo.thumbnailSha256)).toBe(true);
    expect(t.ctx.db.prepare('SELECT mime_type FROM blob WHERE sha256 = ?').pluck().get(photo.sha256)).toBe('image/jpeg');

    const full = await t.call('visits.photo', { photoId: photo.id, variant: 'full' });
    expect(Buffer.from(full.base64, 'base64').byteLength).toBe(photo.sizeBytes);
    expect((await t.call('visits.photo', { photoId: photo.id, variant: 'thumbnail' })).mimeType).toBe('image/jpeg');
    expect((await t.call('visits.list', { dossierId })).visits[0].photos.map((p) => p.id)).toEqual([photo.id]);

    await t.call('visits.removePhoto', { photoId: photo.id });
    expect((await t.call('visits.list', { dossierId })).visits[0].photos).toEqual([]);
    expect((await t.failure('visits.photo', { photoId: photo.id, variant: 'full' })).code).toBe('not_found');
    expect(journal().map((entry) => [entry.name, entry.dossier_id])).toEqual([
      ['visit.create', dossierId],
      ['visit.addPhoto', dossierId],
      ['visit.removePhoto', dossierId],
    ]);
    // The outbox carries the photo's hashes, never its bytes.
    const queued = t.ctx.db.prepare("SELECT args FROM outbox WHERE name = 'visit.addPhoto'").pluck().get() as string;
    expect(queued.length).toBeLessThan(1000);
    expect(JSON.parse(queued)).toMatchObject({ sha256: photo.sha256, thumbnailSha256: photo.thumbnailSha256 });
  });

  it('refused for bad content or a bad name leave nothing stored', async () => {
    const visit = await t.call('visits.create', { dossierId });
    const before = { files: storedFiles(), photos: count('visit_photo'), blobs: count('blob'), journal: count('journal') };
    const jpeg = (await cameraJpeg()).toString('base64');
    const bad: Array<[string, string, string]> = [
      ['vide.jpg', '', 'photo_empty'],
      ['facture.jpg', Buffer.from('%PDF-1.7 facture').toString('base64'), 'photo_not_image'],
      ['../../etc/passwd', jpeg, 'photo_name_invalid'],
      ['dossier/photo.jpg', jpeg, 'photo_name_invalid'],
      ['énorme.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50 * 1024 * 1024)]).toString('base64'), 'photo_too_large'],
    ];
    for (const [name, base64, code] of bad) {
      expect((await t.failure('visits.addPhoto', { visitId: visit.id, name, base64 })).code, name).toBe(code);
    }
    expect({ files: storedFiles(), photos: count('visit_photo'), blobs: count('blob'), journal: count('journal') }).toEqual(before);
  });

  it('on a full disk: a clear error, and neither the photo nor its journal entry', async () => {
    const visit = await t.call('visits.create', { dossierId });
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const put = vi.spyOn(t.ctx.blobs, 'put').mockImplementation(() => {
      throw full;
    });
    const error = await t.failure('visits.addPhoto', { visitId: visit.id, name: 'site.jpg', base64: (await cameraJpeg()).toString('base64') });
    put.mockRestore();
    expect(error.code).toBe('disk_full');
    expect(count('visit_photo')).toBe(0);
    expect(journal().map((entry) => entry.name)).toEqual(['visit.create']);
  });

  it('to an unknown visit are refused before any work', async () => {
    const error = await t.failure('visits.addPhoto', { visitId: '01890000-0000-7000-8000-000000000000', name: 'a.jpg', base64: (await cameraJpeg()).toString('base64') });
    expect(error.code).toBe('not_found');
    expect(storedFiles()).toEqual([]);
  });
});
