/**
 * Opens, and so encrypts, each plain case file folder named on the command line, one after the
 * other; the upgrade test kills it at a random moment. "start" once loaded, each folder when done.
 */
import { openSession } from '../../../electron/core/session';

process.stdout.write('start\n');
for (const dataDir of process.argv.slice(2)) {
  openSession({ dataDir, host: 'cli' }).close();
  process.stdout.write(`upgraded ${dataDir}\n`);
}
