import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damagedPieces } from '../../electron/core/demo/damaged-pieces';
import { generatePiecePool, LONG_FILE_PAGES, POOL_SIZES, type PoolDocument } from '../../electron/core/demo/piece-pool';
import { Random } from '../../electron/core/demo/random';
import { PdfTextPool } from '../../electron/core/pdf/text-pool';

let pool: PoolDocument[];
const textPool = new PdfTextPool();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-pieces-'));

beforeAll(async () => {
  pool = await generatePiecePool(new Random(21));
}, 60_000);
afterAll(async () => {
  await textPool.close();
  rmSync(tmp, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the pool of demo pieces', () => {
  it('holds about 200 distinct files of each kind', () => {
    expect(pool).toHaveLength(Object.values(POOL_SIZES).reduce((a, b) => a + b, 0));
    expect(new Set(pool.map((d) => sha(d.bytes))).size).toBe(pool.length);
    for (const [kind, count] of Object.entries(POOL_SIZES)) expect(pool.filter((d) => d.kind === kind)).toHaveLength(count);
  });

  it('writes PDFs that qpdf finds well-formed', () => {
    for (const document of [pool[0]!, pool[POOL_SIZES.devis]!, pool.at(-1)!]) {
      const file = path.join(tmp, `${sha(document.bytes)}.pdf`);
      writeFileSync(file, document.bytes);
      expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    }
  });

  it('writes a quote whose text, extracted again, has its lines and totals', async () => {
    const quote = pool.find((d) => d.kind === 'devis')!;
    const text = await textPool.extract(quote.bytes);
    expect(text.status).toBe('indexed');
    const page = text.pages[0]!;
    expect(page).toMatch(/DEVIS N° D20\d\d-\d{4}/);
    expect(page).toContain('Désignation');
    expect(page).toMatch(/Total TTC\s*[\d  ]+,\d\d €/);
    expect(page).toContain('Acompte de 30 % à la commande');
  });

  it('includes a technical file of exactly 50 pages, text on every page', async () => {
    const long = pool.find((d) => d.kind === 'dossier_technique')!;
    const text = await textPool.extract(long.bytes);
    expect(text.pageCount).toBe(LONG_FILE_PAGES);
    expect(text.pages.every((page) => page.length > 500)).toBe(true);
    expect(text.pages[49]).toContain(`Page ${LONG_FILE_PAGES} / ${LONG_FILE_PAGES}`);
  });

  it('adds a truncated PDF and a non-PDF that extraction tells apart', async () => {
    const [truncated, notPdf] = damagedPieces(new Random(3), pool[0]!);
    expect((await textPool.extract(truncated!.bytes)).status).toBe('unreadable');
    expect((await textPool.extract(notPdf!.bytes)).status).toBe('not_pdf');
  });
});
