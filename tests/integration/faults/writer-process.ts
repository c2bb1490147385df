/**
 * A desk that writes without end, run as its own process so that a test can kill it outright:
 * `writer-process.ts DATA_DIR SEED`. It loads, waits for a line on its input (so that a test
 * can start the next one while this one works), prints `ready` once the case file is open, then, after
 * each write the contract acknowledged, `ack <mutation id>`. Pipes are written synchronously on
 * Linux, so a line printed is a line the parent gets, even from a process killed a moment later.
 */
import { once } from 'node:events';
import { Random } from '../../../electron/core/demo/random';
import { openSession } from '../../../electron/core/session';
import { RandomWorkload } from './workload';

async function main(): Promise<void> {
  const [dataDir, seed] = process.argv.slice(2);
  await once(process.stdin, 'data');
  const session = openSession({ dataDir: dataDir!, host: 'cli' });
  const workload = await RandomWorkload.resume(session, new Random(Number(seed)));
  process.stdout.write('ready\n');
  for (;;) {
    const { mutationId } = await workload.step();
    if (mutationId) process.stdout.write(`ack ${mutationId}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
