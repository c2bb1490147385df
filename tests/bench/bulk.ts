/**
 * bulk_1000_ms: a label added to 1,000 dossiers through the contract, as the list's bulk bar asks
 * for it: one mutation per dossier with its journal and outbox entries, in one transaction. The
 * median of three batches, each undone afterwards (untimed) so the case file is left as it was.
 */
import { dispatch } from '../../electron/core/dispatch';
import type { Session } from '../../electron/core/session';
import type { ArgsOf, ChannelName, ResultOf } from '../../shared/contract';
import { median, round } from './stats';

const DOSSIERS = 1_000;
const RUNS = 3;

async function call<C extends ChannelName>(session: Session, channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const envelope = await dispatch(session.handlers, channel, args, { validateResults: false });
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.result as ResultOf<C>;
}

export async function benchBulk(session: Session): Promise<{ bulk_1000_ms: number }> {
  const ids = session.ctx.db.prepare<[number], string>('SELECT id FROM dossier ORDER BY seq LIMIT ?').pluck().all(DOSSIERS);
  // A smaller case file (--count below 1,000) labels all its dossiers.
  const durations: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const result = await call(session, 'bulk.run', { action: { kind: 'addLabel', label: `Banc d’essai ${run + 1}` }, target: { ids } });
    durations.push(performance.now() - start);
    if (result.done !== ids.length) throw new Error(`bulk.run labelled ${result.done} dossiers, not ${ids.length}`);
    await call(session, 'bulk.undo', { batchId: result.batchId });
  }
  return { bulk_1000_ms: round(median(durations), 1) };
}
