/** The first start of the app, with no case file yet: a demo case file to explore. */
import { existsSync } from 'node:fs';
import { caseFilePath } from '../db/open';
import { DEFAULT_DEMO_SEED, generateDemo } from './generate';

/** Enough to try every screen, quick enough to write while the window opens. */
export const FIRST_RUN_DOSSIERS = 2_000;

/** Creates the demo case file when dataDir has none; `onCreate` runs just before. True when created. */
export async function ensureDemoCaseFile(dataDir: string, onCreate: () => void = () => {}): Promise<boolean> {
  if (existsSync(caseFilePath(dataDir))) return false;
  onCreate();
  await generateDemo({ dataDir, count: FIRST_RUN_DOSSIERS, seed: DEFAULT_DEMO_SEED });
  return true;
}
