/**
 * The printable visit report on a real case file, checked with poppler and qpdf as any reader
 * would open it: a valid PDF, fonts embedded, every part of the report in its text, the photo
 * drawn, page numbers, in French and in English.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers } from '../../electron/core/dossiers/import';
import { visitChecklist } from '../../electron/core/reference/programme';
import type { Language } from '../../shared/contract';
import { createTestContext, type TestContext } from './fixtures/core-context';
import { makeDossier } from './fixtures/core-dossiers';
import { cameraJpeg, pngWithText } from './fixtures/photos';

let t: TestContext;
let out: string;
let visitId: string;

async function reportFile(language: Language): Promise<{ file: string; fileName: string }> {
  const { fileName, base64 } = await t.call('visits.reportPdf', { visitId, language });
  const file = path.join(out, `${language}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return { file, fileName };
}

function pdfText(file: string): string {
  // Layout mode keeps table cells on their row; spaces and line breaks are normalised for the assertions.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'relais-visit-report-'));
  t = createTestContext('2026-03-16T15:00:00.000Z');
  const dossier = makeDossier({ number: 512, raisonSociale: 'Fonderie Martin', title: 'Four à induction basse consommation' });
  importDossiers(t.ctx, [dossier]);
  const visit = await t.call('visits.create', { dossierId: dossier.id });
  visitId = visit.id;
  const [first, second] = visitChecklist();
  await t.call('visits.update', {
    visitId,
    expectedVersion: 1,
    changes: {
      date: '2026-03-16',
      place: 'Zone industrielle de Golbey, 88190 Golbey',
      participants: [
        { name: 'Marie Martin', role: 'Directrice générale, Fonderie Martin' },
        { name: 'Paul Durand', role: 'DREETS Grand Est' },
      ],
      checklist: { [first.id]: { status: 'ok', remark: 'Adresse vérifiée' }, [second.id]: { status: 'not_ok', remark: 'Bon de commande du 2 janvier' } },
      observations: 'Le four actuel date de 1987 ; la dalle est prête pour le nouvel équipement.',
      conclusion: 'Avis favorable sous réserve du bon de commande.',
    },
  });
  await t.call('visits.addPhoto', { visitId, name: 'façade.jpg', base64: (await cameraJpeg()).toString('base64') });
  await t.call('visits.addPhoto', { visitId, name: 'plan.png', base64: (await pngWithText()).toString('base64') });
});
afterAll(() => {
  t.dispose();
  if (!process.env.RELAIS_KEEP) rmSync(out, { recursive: true, force: true });
});

describe('the visit report PDF', () => {
  it('is a valid PDF whose fonts are all embedded', async () => {
    const { file } = await reportFile('fr');
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors found/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    // Columns emb, sub, uni, object, generation: every font embedded.
    for (const line of fonts) expect(line).toMatch(/\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);
  });

  it('holds the dossier, the visit, participants, checklist, observations, conclusion, photos and page numbers', async () => {
    const { file, fileName } = await reportFile('fr');
    expect(fileName).toBe('compte-rendu-visite-512-2026-03-16.pdf');
    const text = pdfText(file);
    const [first, second, third] = visitChecklist();
    for (const expected of [
      'Compte rendu de visite sur site',
      'Dossier n° 512 — Fonderie Martin',
      'Four à induction basse consommation',
      '16 mars 2026',
      'Zone industrielle de Golbey',
      'Camille Instructrice',
      'Marie Martin',
      'Directrice générale, Fonderie Martin',
      'Paul Durand',
      'Conforme',
      'Adresse vérifiée',
      'Non conforme',
      'Bon de commande du 2 janvier',
      'Non renseigné',
      'la dalle est prête',
      'Avis favorable sous réserve',
      'Photo 1 : façade.jpg',
      'Prise le 10 mars 2026',
      'Position GPS : 48,17500° N, 6,45000° E, altitude 343 m',
      'Photo 2 : plan.png',
      'Sans position GPS',
      'Page 1 /',
    ]) {
      expect(text, expected).toContain(expected);
    }
    for (const item of [first, second, third]) expect(text).toContain(item.label.fr.slice(0, 30));
  });

  it('draws the photos: every page renders, and the photo pages carry images', async () => {
    const { file } = await reportFile('fr');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBe(2);
    const pngDir = path.join(out, 'pages');
    execFileSync('mkdir', ['-p', pngDir]);
    execFileSync('pdftoppm', ['-png', '-r', '40', file, path.join(pngDir, 'page')]);
    expect(readdirSync(pngDir).length).toBeGreaterThan(0);
  });

  it('is written in English when asked', async () => {
    const { file, fileName } = await reportFile('en');
    expect(fileName).toBe('site-visit-report-512-2026-03-16.pdf');
    const text = pdfText(file);
    for (const expected of ['Site visit report', 'Dossier no. 512 — Fonderie Martin', '16 Mar 2026', 'Compliant', 'Not compliant', 'Photo 1: façade.jpg', 'GPS position: 48.17500° N, 6.45000° E', 'Page 1 of']) {
      expect(text, expected).toContain(expected);
    }
  });
});
