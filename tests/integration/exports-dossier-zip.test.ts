import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier, pieceOf, registerTextBlob } from './fixtures/core-dossiers';
import { inspectPdf } from './fixtures/pdf-tools';
import { cameraJpeg } from './fixtures/photos';

let t: TestContext;
let work: string;

beforeAll(() => {
  t = createTestContext('2026-03-15T10:00:00.000Z');
  work = mkdtempSync(path.join(os.tmpdir(), 'relais-export-'));
});
afterAll(() => {
  t.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** Unzips with Python's zipfile module (not the library that wrote it) and lists every file. */
function unzip(base64: string, name: string): { dir: string; files: string[] } {
  const zipFile = path.join(work, name);
  writeFileSync(zipFile, Buffer.from(base64, 'base64'));
  const dir = path.join(work, `${name}.d`);
  mkdirSync(dir);
  execFileSync('python3', ['-m', 'zipfile', '-e', zipFile, dir]);
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return { dir, files: files.sort() };
}

describe('exports.dossierZip', () => {
  it('holds the form as PDF, every piece under a safe unique name, the journal and a manifest whose hashes match', async () => {
    const quote = registerTextBlob(t.ctx, ['Devis n° 17']);
    const kbis = registerTextBlob(t.ctx, ['Extrait Kbis']);
    const plan = registerTextBlob(t.ctx, ['Plan de financement']);
    const dossier = makeDossier({
      number: 1042,
      raisonSociale: 'Forges de l’Est',
      title: 'Four à induction',
      champs: [
        { section: 'Projet', label: 'Équipement', value: 'Four à induction de 2 MW' },
        { section: 'Environnement', label: 'Gaz à effet de serre', value: 'Moins 40 % d’émissions' },
      ],
      pieces: [
        pieceOf(quote, 'devis.pdf'),
        pieceOf(kbis, 'Devis.PDF', 'extrait_kbis'),
        pieceOf(plan, '../../etc/passwd', 'plan_financement'),
        pieceOf(quote, 'C:\\temp\\..\\devis.pdf'),
        pieceOf(kbis, 'Attestation de régularité fiscale.pdf', 'autre'),
      ],
    });
    importDossiers(t.ctx, [dossier]);
    await t.call('dossiers.setFollowed', { id: dossier.id, followed: true });
    const note = await t.call('annotations.add', { dossierId: dossier.id, target: { kind: 'note' }, text: 'Appeler le dirigeant.' });
    await t.call('annotations.edit', { annotationId: note.id, expectedVersion: 1, text: 'Dirigeant appelé le 14 mars.' });
    await t.call('annotations.add', {
      dossierId: dossier.id,
      target: { kind: 'region', pieceId: dossier.pieces[0].id, page: 1, rect: { x: 0.1, y: 0.2, width: 0.3, height: 0.1 } },
      text: 'Montant du devis à vérifier',
    });
    const visit = await t.call('visits.create', { dossierId: dossier.id });
    await t.call('visits.update', { visitId: visit.id, expectedVersion: visit.version, changes: { date: '2026-03-10', place: 'Épinal', conclusion: 'Site conforme au dossier.' } });
    await t.call('visits.addPhoto', { visitId: visit.id, name: 'four.jpg', base64: (await cameraJpeg({ gps: true, date: true })).toString('base64') });

    const file = await t.call('exports.dossierZip', { id: dossier.id });
    expect(file.name).toBe('dossier-1042.zip');
    expect(file.mimeType).toBe('application/zip');
    expect(file.sizeBytes).toBe(Buffer.from(file.base64, 'base64').byteLength);

    const { dir, files } = unzip(file.base64, file.name);
    const visitReportName = files.find((name) => name.startsWith('visites/visite-2026-03-10/') && name.endsWith('.pdf'))?.split('/').pop();
    expect(visitReportName).toBeDefined();
    expect(files).toEqual(
      [
        'formulaire.pdf',
        'annotations/annotations.json',
        'annotations/annotations.pdf',
        'journal/journal.csv',
        'journal/journal.json',
        'manifest.json',
        'pieces/Devis (2).PDF',
        'pieces/devis.pdf',
        'pieces/etc_passwd',
        'pieces/C__temp_devis.pdf',
        'pieces/Attestation de régularité fiscale.pdf',
        `visites/visite-2026-03-10/${visitReportName}`,
        'visites/visite-2026-03-10/photos/four.jpg',
      ].sort(),
    );
    expect(readFileSync(path.join(dir, 'pieces/etc_passwd'), 'utf8')).toBe('Plan de financement');

    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.dossier).toEqual({ id: dossier.id, number: 1042 });
    expect(manifest.exportedBy.name).toBe('Camille Instructrice');
    expect(manifest.unreadablePieces).toEqual([]);
    expect(manifest.files.map((entry: { path: string }) => entry.path).sort()).toEqual(files.filter((name) => name !== 'manifest.json'));
    for (const entry of manifest.files as { path: string; sizeBytes: number; sha256: string }[]) {
      const bytes = readFileSync(path.join(dir, entry.path));
      expect(bytes.byteLength).toBe(entry.sizeBytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }

    const annotations = JSON.parse(readFileSync(path.join(dir, 'annotations/annotations.json'), 'utf8'));
    expect(annotations).toHaveLength(2);
    expect(annotations[0].versions.map((version: { text: string }) => version.text)).toEqual(['Appeler le dirigeant.', 'Dirigeant appelé le 14 mars.']);
    expect(annotations[1].target).toMatchObject({ kind: 'region', page: 1 });
    const annotationsPdf = inspectPdf(readFileSync(path.join(dir, 'annotations/annotations.pdf')));
    expect(annotationsPdf.qpdfOk).toBe(true);
    for (const text of ['Annotations du dossier n° 1042', 'Appeler le dirigeant.', 'Dirigeant appelé le 14 mars.', 'Page 1 de « devis.pdf »', 'Montant du devis à vérifier']) {
      expect(annotationsPdf.text).toContain(text);
    }
    const report = inspectPdf(readFileSync(path.join(dir, 'visites/visite-2026-03-10', visitReportName!)));
    expect(report.qpdfOk).toBe(true);
    expect(report.text).toContain('Site conforme au dossier.');
    // The photo in the archive is the cleaned one the case file holds: JPEG, no camera make left.
    const photo = readFileSync(path.join(dir, 'visites/visite-2026-03-10/photos/four.jpg'));
    expect(photo.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const journal = JSON.parse(readFileSync(path.join(dir, 'journal/journal.json'), 'utf8'));
    expect(journal.map((entry: { name: string }) => entry.name).slice(0, 2)).toEqual(['dossier.import', 'dossier.setFollowed']);
    expect(journal.map((entry: { name: string }) => entry.name)).toContain('annotation.edit');
    expect(journal[1].after).toEqual({ followed: true });
    expect(journal[1].prevHash).toMatch(/^[0-9a-f]{64}$/);
    const csv = readFileSync(path.join(dir, 'journal/journal.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('dossier.setFollowed');

    const pdf = inspectPdf(readFileSync(path.join(dir, 'formulaire.pdf')), '/tmp/relais/shots/exports-formulaire');
    expect(pdf.qpdfOk).toBe(true);
    expect(pdf.fonts.every((font) => font.embedded)).toBe(true);
    for (const text of ['Dossier n° 1042', 'Forges de l’Est', 'Four à induction de 2 MW', 'Gaz à effet de serre', 'Contrôles réglementaires', 'Délai d’instruction', 'pieces/etc_passwd', 'Plan de financement']) {
      expect(pdf.text).toContain(text);
    }
  });

  it('leaves out a piece whose file is damaged, names it in the manifest, and still exports the rest', async () => {
    const damaged = registerTextBlob(t.ctx, ['Devis abîmé']);
    const fine = registerTextBlob(t.ctx, ['Kbis intact']);
    const dossier = makeDossier({ number: 1043, pieces: [pieceOf(damaged, 'devis.pdf'), pieceOf(fine, 'kbis.pdf', 'extrait_kbis')] });
    importDossiers(t.ctx, [dossier]);
    writeFileSync(path.join(t.ctx.dataDir, 'blobs', damaged.slice(0, 2), damaged), 'altered');

    const file = await t.call('exports.dossierZip', { id: dossier.id });
    const { dir, files } = unzip(file.base64, file.name);
    expect(files).toContain('pieces/kbis.pdf');
    expect(files).not.toContain('pieces/devis.pdf');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.unreadablePieces).toEqual([{ name: 'devis.pdf', sha256: damaged }]);
  });

  it('writes its documents in English when the interface is in English', async () => {
    const dossier = makeDossier({ number: 1044 });
    importDossiers(t.ctx, [dossier]);
    await t.call('preferences.setLanguage', { language: 'en' });
    try {
      const file = await t.call('exports.dossierZip', { id: dossier.id });
      const { dir } = unzip(file.base64, file.name);
      const form = inspectPdf(readFileSync(path.join(dir, 'formulaire.pdf'))).text;
      for (const text of ['Dossier no. 1044', 'Applicant', 'Legal checks', 'Page 1 of']) expect(form).toContain(text);
      expect(inspectPdf(readFileSync(path.join(dir, 'annotations/annotations.pdf'))).text).toContain('Annotations on dossier no. 1044');
    } finally {
      await t.call('preferences.setLanguage', { language: 'fr' });
    }
  });

  it('answers not_found for an unknown dossier and invalid_arguments for a bad id', async () => {
    expect((await t.failure('exports.dossierZip', { id: '0190f3a0-0000-7000-8000-000000000000' })).code).toBe('not_found');
    expect((await t.failure('exports.dossierZip', { id: '../x' })).code).toBe('invalid_arguments');
  });
});
