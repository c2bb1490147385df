/**
 * Hostile files attached through the contract ('pieces.attach') on a real case file: each one is
 * accepted safely or refused with a sentence in French and English, within 10 seconds; a refusal
 * leaves the case file exactly as it was (same rows, same blob files) and `PRAGMA integrity_check`
 * passes after every one; the session keeps working after all of them.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFile } from '../../../electron/core/attach/attach';
import { DEFAULT_INSPECT_LIMITS } from '../../../electron/core/attach/inspect-client';
import { importDossiers } from '../../../electron/core/dossiers/import';
import { verifyJournal } from '../../../electron/core/mutations';
import { scanStreams } from '../../../electron/core/pdf/stream-scan';
import { PdfTextPool } from '../../../electron/core/pdf/text-pool';
import { MAX_ATTACH_BYTES, type AttachNotice } from '../../../shared/domain/attached-piece';
import { RelaisError, type ErrorCode } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/translator';
import * as hostile from '../../fixtures/hostile';
import { createTestContext, type TestContext } from '../fixtures/core-context';
import { makeDossier } from '../fixtures/core-dossiers';
import { cameraJpeg, pngWithText } from '../fixtures/photos';

const TEN_SECONDS = 10_000;
const languages = { fr: createTranslator('fr'), en: createTranslator('en') };

let t: TestContext;
let dossierId: string;

beforeAll(() => {
  t = createTestContext();
  const dossier = makeDossier({ number: 701, raisonSociale: 'Fonderie Martin' });
  importDossiers(t.ctx, [dossier]);
  dossierId = dossier.id;
});
afterAll(() => t.dispose());

/** Everything a refused file must leave as it was. */
function snapshot() {
  const count = (table: string) => t.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  let files: string[] = [];
  try {
    files = readdirSync(t.ctx.blobs.root, { recursive: true }).map(String).sort();
  } catch {
    // No blob yet.
  }
  return { journal: count('journal'), outbox: count('outbox'), attached: count('attached_piece'), blobs: count('blob'), files };
}

function integrity(): string {
  return t.ctx.db.pragma('integrity_check', { simple: true }) as string;
}

const base64 = (bytes: Buffer) => bytes.toString('base64');

async function refused(name: string, bytes: Buffer, code: ErrorCode): Promise<void> {
  const before = snapshot();
  const started = Date.now();
  const error = await t.failure('pieces.attach', { dossierId, name, base64: base64(bytes) });
  expect(Date.now() - started).toBeLessThan(TEN_SECONDS);
  expect(error.code).toBe(code);
  for (const { describe: sentence } of Object.values(languages)) expect(sentence(error)).not.toMatch(/errors\.|\{\{/);
  expect(snapshot()).toEqual(before);
  expect(integrity()).toBe('ok');
}

/** `notices` null: left to the caller to check. */
async function accepted(name: string, bytes: Buffer, notices: AttachNotice[] | null = []) {
  const before = snapshot();
  const started = Date.now();
  const result = await t.call('pieces.attach', { dossierId, name, base64: base64(bytes) });
  expect(Date.now() - started).toBeLessThan(TEN_SECONDS);
  if (notices) expect(result.notices).toEqual(notices);
  expect(result.piece).toMatchObject({ name, kind: 'autre', sizeBytes: bytes.byteLength, attached: { by: 'Camille Instructrice' } });
  const after = snapshot();
  expect(after.attached).toBe(before.attached + 1);
  expect(integrity()).toBe('ok');
  const detail = await t.call('dossiers.get', { id: dossierId });
  expect(detail.pieces.map((piece) => piece.id)).toContain(result.piece.id);
  const content = await t.call('pieces.content', { pieceId: result.piece.id });
  expect(Buffer.from(content.base64, 'base64').equals(bytes)).toBe(true);
  return result;
}

describe('attaching files from outside', () => {
  it('accepts a readable PDF: indexed, journaled, queued for the hub as piece.attach, listed and readable', async () => {
    const { piece } = await accepted('devis signé.pdf', await hostile.textPdf(2, 'Chaudière Viessmann'));
    expect(piece).toMatchObject({ mimeType: 'application/pdf', textStatus: 'indexed', pageCount: 2 });
    const outbox = t.ctx.db.prepare("SELECT name, args FROM outbox WHERE name = 'piece.attach'").all() as { args: string }[];
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.args)).toMatchObject({ id: piece.id, dossierId, sha256: piece.sha256 });
    const found = t.ctx.db.prepare("SELECT count(*) FROM blob_text_fts WHERE blob_text_fts MATCH 'Viessmann' AND sha256 = ?").pluck().get(piece.sha256);
    expect(found).toBe(2);
    const history = await t.call('dossiers.history', { id: dossierId });
    expect(history.entries.find((entry) => entry.what === 'piece.attach')).toMatchObject({ after: { piece: 'devis signé.pdf', sha256: piece.sha256 } });
    const searched = await t.call('dossiers.list', { filters: { query: 'Viessmann' }, limit: 10 });
    expect(searched.rows.map((row) => [row.id, row.snippet?.includes('Viessmann')])).toEqual([[dossierId, true]]);
  });

  it('accepts a JPEG and a PNG as they are, byte for byte (they are pieces, not photos to clean)', async () => {
    const jpeg = await cameraJpeg();
    expect((await accepted('scan.jpg', jpeg)).piece).toMatchObject({ mimeType: 'image/jpeg', textStatus: 'not_pdf', pageCount: null });
    expect((await accepted('plan.png', await pngWithText())).piece).toMatchObject({ mimeType: 'image/png' });
  });

  it('refuses a truncated PDF, a PDF that is only garbage, and one that needs a password', async () => {
    await refused('tronqué.pdf', await hostile.truncatedPdf(), 'attach_pdf_damaged');
    await refused('illisible.pdf', hostile.garbagePdf(), 'attach_pdf_damaged');
    await refused('protégé.pdf', await hostile.encryptedPdf(), 'attach_pdf_encrypted');
  });

  it('accepts a PDF whose xref table is broken: its pages are rebuilt and read', async () => {
    const { piece } = await accepted('xref cassée.pdf', await hostile.brokenXrefPdf());
    expect(piece).toMatchObject({ textStatus: 'indexed', pageCount: 2 });
  });

  it('accepts a PDF with JavaScript and a launch action, hidden in a compressed object stream, and says they are never run', async () => {
    await accepted('avec script.pdf', await hostile.activeContentPdf(), ['active_content_ignored']);
  });

  it('accepts a 5,000-page PDF within the time limit, indexing the pages it had time for', async () => {
    // How many pages fit in the time depends on the machine: the notice must say so exactly.
    const { piece, notices } = await accepted('5000 pages.pdf', hostile.manyPagesPdf(5_000), null);
    expect(piece.pageCount).toBe(5_000);
    const indexed = t.ctx.db.prepare('SELECT count(*) FROM blob_text_fts WHERE sha256 = ?').pluck().get(piece.sha256) as number;
    expect(notices).toEqual(indexed < 5_000 ? ['partly_indexed'] : []);
  });

  it('refuses a decompression bomb (300 MB from 300 KB) without inflating it in memory', async () => {
    await refused('bombe.pdf', await hostile.decompressionBombPdf(300), 'attach_pdf_bomb');
  });

  it('counts what each stream and the whole file expand to: one stream over the limit, or all of them over four times it, is a bomb', async () => {
    const limit = 2 * 1024 * 1024;
    expect(await scanStreams(await hostile.decompressionBombPdf(3, 1), limit)).toMatchObject({ bomb: true });
    expect(await scanStreams(await hostile.decompressionBombPdf(1, 7), limit)).toMatchObject({ bomb: false, expandedBytes: 7 * 1024 * 1024 });
    expect(await scanStreams(await hostile.decompressionBombPdf(1, 9), limit)).toMatchObject({ bomb: true });
  });

  it('reports a bomb that reaches the text workers another way (DS, a desk that skipped these checks) as unreadable', async () => {
    const pool = new PdfTextPool({ size: 1 });
    try {
      expect(await pool.extract(await hostile.decompressionBombPdf(300))).toMatchObject({ status: 'unreadable' });
    } finally {
      await pool.close();
    }
  });

  it('refuses a non-PDF named .pdf, an empty file and a pixel bomb, by their content', async () => {
    await refused('rapport.pdf', hostile.notAPdf(), 'attach_type_unsupported');
    await refused('vide.pdf', Buffer.alloc(0), 'attach_empty');
    await refused('plan.png', hostile.pixelBombPng(100_000), 'attach_too_many_pixels');
  });

  it('treats a name as data: one that names a path or hides characters is refused, never followed', async () => {
    const bytes = await hostile.textPdf();
    for (const name of hostile.HOSTILE_NAMES) await refused(name, bytes, 'attach_name_invalid');
  });

  it('refuses a file over the size cap before reading it', async () => {
    const error = await attachFile(t.ctx, { dossierId, name: 'énorme.pdf', bytes: Buffer.alloc(MAX_ATTACH_BYTES + 1, 0x25) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelaisError);
    expect((error as RelaisError).code).toBe('attach_too_large');
  });

  it('kills an inspection past its time limit or its memory limit, and refuses the file', async () => {
    const bytes = hostile.manyPagesPdf(5_000);
    const slow = { ...DEFAULT_INSPECT_LIMITS, timeoutMs: 50 };
    const small = { ...DEFAULT_INSPECT_LIMITS, resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } };
    for (const limits of [slow, small]) {
      const before = snapshot();
      const error = await attachFile(t.ctx, { dossierId, name: 'lourd.pdf', bytes }, limits).catch((e: unknown) => e);
      expect((error as RelaisError).code).toBe('attach_too_complex');
      expect(snapshot()).toEqual(before);
    }
  });

  it('leaves a case file that still works: the journal chain verifies and a good file attaches', async () => {
    await accepted('encore un devis.pdf', await hostile.textPdf(1, 'Nouveau devis'));
    expect(verifyJournal(t.ctx.db, { fromStart: true }).ok).toBe(true);
    expect(integrity()).toBe('ok');
  });
});
