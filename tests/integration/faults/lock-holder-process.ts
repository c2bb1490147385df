/**
 * Another program holding the case file's write lock: `lock-holder-process.ts DATA_DIR` opens
 * the case file, begins a write transaction, prints `held`, and keeps the lock until its input
 * closes; then it rolls back and exits.
 */
import { openSession } from '../../../electron/core/session';

const session = openSession({ dataDir: process.argv[2]!, host: 'cli' });
session.ctx.db.prepare('BEGIN IMMEDIATE').run();
process.stdout.write('held\n');
process.stdin.resume();
process.stdin.on('end', () => {
  session.ctx.db.prepare('ROLLBACK').run();
  session.close();
  process.exit(0);
});
