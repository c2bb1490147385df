/**
 * One sync round: the blobs the queued changes reference go up, the changes are pushed in client
 * order, then the hub's changes after this desk's cursor come down, page by page, each page
 * replayed with its new cursor in one transaction. Every step commits what it did before the
 * next starts, so a round cut anywhere (a lost answer, a killed process) is finished by the next
 * one with nothing applied twice: the hub answers a change it has already applied with its stored
 * result, and a page is replayed whole or not at all.
 */
import type { SyncProgress, SyncSummary } from '../../../shared/channels/sync';
import { MAX_PULL_LIMIT, MAX_PUSH_BYTES, MAX_PUSH_ITEMS, PROTOCOL_VERSION, type PullResponse } from '../../../shared/sync/protocol';
import type { CoreContext } from '../context';
import { downloadBlobs, heldBlobs, uploadBlob } from './blobs';
import { queuedEffects } from './fields';
import { storePushResults } from './push-results';
import { countPushable, markSent, pushableAfter, pushableRows, pushItemOf, type OutboxRow } from './queue';
import { adoptEvent } from './replay';
import { readSyncState, writeSyncState } from './sync-state';
import type { HubTransport } from './transport';

export interface SyncRoundOptions {
  /** This build's version, sent with each push (the hub refuses mutations of too old a desk). */
  appVersion: string;
  /** This device, as the hub enrolled it: its own changes coming back are not replayed. */
  deviceId: string;
  onProgress?(progress: SyncProgress): void;
}

/** The sync_state key of the last pull's cursor. */
export const CURSOR_KEY = 'pull_cursor';

/** A push body stays well below the hub's limit (the rest of each item is small beside its arguments). */
const PUSH_ARGS_BUDGET = Math.floor(MAX_PUSH_BYTES / 2);

export function pullCursor(ctx: CoreContext): string | null {
  return readSyncState(ctx.db, CURSOR_KEY) ?? null;
}

class Round {
  readonly summary: SyncSummary = { pushed: 0, pulled: 0, conflicts: 0, rejected: 0, pending: 0, bytesUp: 0, bytesDown: 0 };

  constructor(
    private readonly ctx: CoreContext,
    private readonly transport: HubTransport,
    private readonly options: SyncRoundOptions,
  ) {}

  private report(progress: SyncProgress): void {
    this.options.onProgress?.(progress);
  }

  private now(): string {
    return this.ctx.clock().toISOString();
  }

  async uploadBlobs(): Promise<void> {
    const shas = pushableRows(this.ctx.db).flatMap((row) => queuedEffects(row.name, JSON.parse(row.args), row.dossier_id)?.blobs ?? []);
    const refs = heldBlobs(this.ctx, shas);
    if (refs.length === 0) return;
    const bytesTotal = refs.reduce((sum, ref) => sum + ref.sizeBytes, 0);
    let items = 0;
    let bytes = 0;
    this.report({ phase: 'blobs_up', items, itemsTotal: refs.length, bytes, bytesTotal });
    for (const ref of refs) {
      await uploadBlob(this.ctx, this.transport, ref, (moved, sent) => {
        bytes += moved;
        if (sent) this.summary.bytesUp += moved;
        this.report({ phase: 'blobs_up', items, itemsTotal: refs.length, bytes, bytesTotal });
      });
      items += 1;
    }
    this.report({ phase: 'blobs_up', items, itemsTotal: refs.length, bytes, bytesTotal });
  }

  /** The next batch: at most MAX_PUSH_ITEMS changes, and at least one, within the byte budget. */
  private nextBatch(afterSeq: number): OutboxRow[] {
    const batch: OutboxRow[] = [];
    let bytes = 0;
    for (const row of pushableAfter(this.ctx.db, afterSeq, MAX_PUSH_ITEMS)) {
      bytes += row.args.length;
      if (batch.length > 0 && bytes > PUSH_ARGS_BUDGET) break;
      batch.push(row);
    }
    return batch;
  }

  async push(): Promise<void> {
    const itemsTotal = countPushable(this.ctx.db);
    let items = 0;
    this.report({ phase: 'push', items, itemsTotal, bytes: 0, bytesTotal: null });
    for (let batch = this.nextBatch(0); batch.length > 0; batch = this.nextBatch(batch.at(-1)!.client_seq)) {
      const ids = batch.map((row) => row.mutation_id);
      this.ctx.db.transaction(() => markSent(this.ctx.db, ids, this.now())).immediate();
      const response = await this.transport.push({ protocol: PROTOCOL_VERSION, appVersion: this.options.appVersion, items: batch.map(pushItemOf) });
      const counts = storePushResults(this.ctx, batch, response.results, this.now());
      this.summary.pushed += counts.applied;
      this.summary.conflicts += counts.conflicts;
      this.summary.rejected += counts.rejected;
      items += batch.length;
      this.report({ phase: 'push', items, itemsTotal, bytes: 0, bytesTotal: null });
    }
  }

  private async downloadBlobsOf(page: PullResponse): Promise<void> {
    if (page.blobs.length === 0) return;
    const bytesTotal = page.blobs.reduce((sum, blob) => sum + blob.sizeBytes, 0);
    let bytes = 0;
    await downloadBlobs(this.ctx, this.transport, page.blobs, (moved) => {
      bytes += moved;
      this.summary.bytesDown += moved;
      this.report({ phase: 'blobs_down', items: this.summary.pulled, itemsTotal: null, bytes, bytesTotal });
    });
  }

  /** Replays a page and stores its cursor in one transaction: a page is taken whole or not at all. */
  private replay(page: PullResponse): void {
    const { ctx, options } = this;
    ctx.db
      .transaction(() => {
        for (const event of page.events) adoptEvent(ctx, event, options.deviceId);
        writeSyncState(ctx.db, CURSOR_KEY, page.cursor);
      })
      .immediate();
  }

  async pull(): Promise<void> {
    this.report({ phase: 'pull', items: 0, itemsTotal: null, bytes: 0, bytesTotal: null });
    let cursor = pullCursor(this.ctx);
    for (let more = true; more; ) {
      // Full pages: a new desk takes thousands of dossiers in a few calls.
      const page = await this.transport.pull(cursor === null ? { limit: MAX_PULL_LIMIT } : { cursor, limit: MAX_PULL_LIMIT });
      await this.downloadBlobsOf(page);
      this.replay(page);
      this.summary.pulled += page.events.length;
      this.report({ phase: 'pull', items: this.summary.pulled, itemsTotal: null, bytes: 0, bytesTotal: null });
      cursor = page.cursor;
      more = page.more;
    }
  }
}

/**
 * Runs one round. Throws the first HubRequestError (or RelaisError) it meets; what was done
 * before it stays done, and the next round goes on from there.
 */
export async function runSyncRound(ctx: CoreContext, transport: HubTransport, options: SyncRoundOptions): Promise<SyncSummary> {
  const round = new Round(ctx, transport, options);
  await round.uploadBlobs();
  await round.push();
  await round.pull();
  round.summary.pending = countPushable(ctx.db);
  return round.summary;
}
