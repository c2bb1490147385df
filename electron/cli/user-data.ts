/** The per-user folder `npm start` keeps its case file in when it runs without Electron. */
import os from 'node:os';
import path from 'node:path';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'relais');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'relais');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'relais');
}
