// Runs at `npm install`: downloads the Electron binary when the network allows it.
// On machines that cannot reach the download host, Relais still installs: `npm start`
// then opens the same app in the browser host instead of an Electron window.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  const lines = (result.stderr || '').split('\n');
  const reason = (lines.find((line) => /Error/.test(line)) ?? lines[0] ?? '').trim();
  console.warn(`Relais: the Electron binary could not be downloaded (${reason}).`);
  console.warn('Relais: `npm start` will serve the app in your browser instead (see README).');
}
