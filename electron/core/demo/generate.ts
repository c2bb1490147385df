/**
 * `generateDemo`: a case file of N synthetic dossiers, written through the same session and
 * mutations as real data. Same seed, same case file: every choice comes from a seeded generator,
 * every timestamp and id from a seeded clock, and the PDFs have fixed dates and IDs.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { RelaisError } from '../../../shared/errors';
import { registerBlob } from '../blobs/register';
import type { CoreContext } from '../context';
import { keyIdFile } from '../db/key-store';
import { caseFilePath } from '../db/open';
import { importDossiers } from '../dossiers/import';
import { mutationCall, runMutations } from '../mutations';
import { PdfTextPool } from '../pdf/text-pool';
import { openSession } from '../session';
import { damagedPieces } from './damaged-pieces';
import { buildCatalogue, buildDossier, type PoolPiece } from './dossier-factory';
import { generatePiecePool, type PoolDocument } from './piece-pool';
import { Random } from './random';
import { seededTime } from './seeded-time';
import { writeDemoPki, type DemoPki } from '../signing/demo-pki';

export const DEFAULT_DEMO_SEED = 1;
/** The instant the demo pretends it is; fixed, so the same seed gives the same dates. */
export const DEMO_NOW = new Date('2026-11-20T09:00:00.000Z');
const DOSSIER_BATCH = 500;
/** The journal names the demo, not whoever ran it: same seed, same journal on any computer. */
const DEMO_ACTOR = { id: 'relais-demo', name: 'Données de démonstration' };
/** Dossier numbers as DS gives them: large, increasing, with gaps (other procedures share the counter). */
const FIRST_DOSSIER_NUMBER = 18_420_000;

export type DemoPhase = 'pieces' | 'text' | 'dossiers';

export interface DemoProgress {
  phase: DemoPhase;
  done: number;
  total: number;
}

export interface DemoOptions {
  dataDir: string;
  count: number;
  seed?: number;
  /** Replace a case file already in dataDir (otherwise 'case_file_exists'). */
  force?: boolean;
  onProgress?: (progress: DemoProgress) => void;
  now?: Date;
}

export interface DemoSummary {
  dataDir: string;
  dossiers: number;
  /** Distinct files stored in blobs/. */
  blobs: number;
  /** Size of relais.sqlite and blobs/ together. */
  bytes: number;
  elapsedMs: number;
  /** The demonstration signer's PKCS#12 file and the authority this case file trusts for it. */
  pki: DemoPki;
}

function removeCaseFile(dataDir: string): void {
  const file = caseFilePath(dataDir);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  rmSync(path.join(dataDir, 'blobs'), { recursive: true, force: true });
  rmSync(keyIdFile(dataDir), { force: true });
}

async function extractTexts(documents: readonly PoolDocument[], report: (done: number) => void) {
  const pool = new PdfTextPool();
  let done = 0;
  try {
    return await Promise.all(
      documents.map(async (document) => {
        const text = await pool.extract(document.bytes);
        report(++done);
        return text;
      }),
    );
  } finally {
    await pool.close();
  }
}

/** Stores and registers every pool file, in pool order whatever order the texts came back in. */
async function storePool(ctx: CoreContext, documents: readonly PoolDocument[], report: (done: number) => void): Promise<PoolPiece[]> {
  const texts = await extractTexts(documents, report);
  const pieces = documents.map((document) => {
    const { sha256, sizeBytes } = ctx.blobs.put(document.bytes);
    return { sha256, sizeBytes, name: document.name, kind: document.kind, mimeType: document.mimeType, themeId: document.themeId };
  });
  runMutations(
    ctx,
    pieces.map((piece, i) =>
      mutationCall(registerBlob, {
        sha256: piece.sha256,
        sizeBytes: piece.sizeBytes,
        mimeType: piece.mimeType,
        textStatus: texts[i]!.status,
        pageCount: texts[i]!.pageCount,
        pages: texts[i]!.pages,
      }),
    ),
  );
  return pieces;
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(dir).reduce((sum, name) => sum + folderBytes(path.join(dir, name)), 0);
}

/** Writes the case file into `dir`; returns how many blobs it stored. */
async function writeCaseFile(dir: string, count: number, seed: number, now: Date, onProgress: (progress: DemoProgress) => void): Promise<number> {
  // Independent streams: more pool files, say, leave the dossiers and ids unchanged.
  const root = new Random(seed);
  const poolRandom = root.fork();
  const dossierRandom = root.fork();
  const idRandom = root.fork();
  const staffRandom = root.fork();

  const documents = await generatePiecePool(poolRandom, ({ done, total }) => onProgress({ phase: 'pieces', done, total }));
  const damaged = damagedPieces(poolRandom, documents[0]!);
  const allDocuments = [...documents, ...damaged];

  // The dossiers' ids come from their own stream, untouched by the case file's clock and journal
  // ids (the next stream): the demo hub (server/demo/seed.ts) gives the same dossiers the same ids.
  const dossierTime = seededTime(now, idRandom);
  const caseFileTime = seededTime(now, root.fork());
  const session = openSession({ dataDir: dir, host: 'cli', create: true, clock: caseFileTime.clock, newId: caseFileTime.newId, actor: DEMO_ACTOR });
  try {
    const { ctx } = session;
    const pieces = await storePool(ctx, allDocuments, (done) => onProgress({ phase: 'text', done, total: allDocuments.length }));
    const catalogue = buildCatalogue(pieces, damaged.length, staffRandom, now);
    let number = FIRST_DOSSIER_NUMBER;
    onProgress({ phase: 'dossiers', done: 0, total: count });
    for (let done = 0; done < count; ) {
      const batch = Array.from({ length: Math.min(DOSSIER_BATCH, count - done) }, (_, i) => {
        number += dossierRandom.int(1, 7);
        return buildDossier(dossierRandom, catalogue, { number, ordinal: done + i + 1 }, dossierTime.newId);
      });
      importDossiers(ctx, batch);
      done += batch.length;
      onProgress({ phase: 'dossiers', done, total: count });
      // Lets a progress bar repaint between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return pieces.length;
  } finally {
    session.close();
  }
}

/**
 * The case file is written in a staging folder inside dataDir and moved into place once complete:
 * an interrupted run leaves no half-written case file, and --force replaces the old one only then.
 */
export async function generateDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const { dataDir, count, force = false, onProgress = () => {}, now = DEMO_NOW } = options;
  if (!Number.isInteger(count) || count < 0) {
    throw new RelaisError('invalid_arguments', { details: 'count' }, [{ path: 'count', message: 'expected a whole number ≥ 0' }]);
  }
  if (existsSync(caseFilePath(dataDir)) && !force) throw new RelaisError('case_file_exists', { path: dataDir });
  const staging = path.join(dataDir, `.relais-demo-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const blobs = await writeCaseFile(staging, count, options.seed ?? DEFAULT_DEMO_SEED, now, onProgress);
    removeCaseFile(dataDir);
    // The key's id first: a case file never lands in a folder that cannot name its key.
    renameSync(keyIdFile(staging), keyIdFile(dataDir));
    for (const suffix of ['', '-wal']) {
      if (existsSync(caseFilePath(staging) + suffix)) renameSync(caseFilePath(staging) + suffix, caseFilePath(dataDir) + suffix);
    }
    renameSync(path.join(staging, 'blobs'), path.join(dataDir, 'blobs'));
    const bytes = folderBytes(caseFilePath(dataDir)) + folderBytes(path.join(dataDir, 'blobs'));
    // Valid from the real today (not the demo's `now`): signing checks the certificate against the clock.
    const pki = await writeDemoPki(dataDir, new Date());
    return { dataDir, dossiers: count, blobs, bytes, elapsedMs: Date.now() - started, pki };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
