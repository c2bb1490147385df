/**
 * `relais hub demo`: the hub seeded with synthetic dossiers from the desktop demo's generator
 * (its piece pool and dossier factory), the pieces stored as blobs, and one `dossier.import`
 * event per dossier, so that desks pull them as they would real ones. Same seed, same dossiers.
 */
import { damagedPieces } from '../../electron/core/demo/damaged-pieces';
import { buildCatalogue, buildDossier, type PoolPiece } from '../../electron/core/demo/dossier-factory';
import { DEFAULT_DEMO_SEED, DEMO_NOW } from '../../electron/core/demo/generate';
import { generatePiecePool } from '../../electron/core/demo/piece-pool';
import { Random } from '../../electron/core/demo/random';
import { seededTime } from '../../electron/core/demo/seeded-time';
import { storeWholeBlob } from '../blobs/store';
import type { HubDatabase } from '../db/database';
import { recordHubEvents } from '../sync/hub-events';

/** Dossier numbers as DS gives them: large and increasing, with gaps. */
const FIRST_DOSSIER_NUMBER = 18_420_000;
/** Dossiers recorded per transaction. */
const BATCH = 200;

export type HubDemoPhase = 'pieces' | 'dossiers';

export interface HubDemoProgress {
  phase: HubDemoPhase;
  done: number;
  total: number;
}

export interface HubDemoOptions {
  count: number;
  seed?: number;
  onProgress?: (progress: HubDemoProgress) => void;
  /** The instant the demo pretends it is (the desktop demo's, by default). */
  now?: Date;
}

export interface HubDemoSummary {
  dossiers: number;
  blobs: number;
}

export async function seedHubDemo(db: HubDatabase, options: HubDemoOptions): Promise<HubDemoSummary> {
  const { count, seed = DEFAULT_DEMO_SEED, onProgress = () => {}, now = DEMO_NOW } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count: expected a whole number ≥ 0');
  // The desktop demo's independent streams, in its order.
  const root = new Random(seed);
  const poolRandom = root.fork();
  const dossierRandom = root.fork();
  const idRandom = root.fork();
  const staffRandom = root.fork();

  const documents = await generatePiecePool(poolRandom, (progress) => onProgress({ phase: 'pieces', ...progress }));
  const damaged = damagedPieces(poolRandom, documents[0]!);
  const all = [...documents, ...damaged];
  const pieces: PoolPiece[] = [];
  for (const document of all) {
    const { sha256, size } = await storeWholeBlob(db, document.bytes);
    pieces.push({ sha256, sizeBytes: size, name: document.name, kind: document.kind, mimeType: document.mimeType, themeId: document.themeId });
  }

  const catalogue = buildCatalogue(pieces, damaged.length, staffRandom, now);
  const time = seededTime(now, idRandom);
  let number = FIRST_DOSSIER_NUMBER;
  onProgress({ phase: 'dossiers', done: 0, total: count });
  for (let done = 0; done < count; ) {
    const batch = Array.from({ length: Math.min(BATCH, count - done) }, (_, i) => {
      number += dossierRandom.int(1, 7);
      return buildDossier(dossierRandom, catalogue, { number, ordinal: done + i + 1 }, time.newId);
    });
    await recordHubEvents(db, batch.map((dossier) => ({ name: 'dossier.import', args: dossier, at: new Date(dossier.updatedAt) })));
    done += batch.length;
    onProgress({ phase: 'dossiers', done, total: count });
  }
  return { dossiers: count, blobs: pieces.length };
}
